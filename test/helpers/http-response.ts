/** An HTTP/1.x response as it arrived on the wire. */
export interface HttpResponse {
  httpVersion: string
  status: number
  reason: string
  /** Header fields in wire order, names as sent. */
  rawHeaders: [string, string][]
  /** Lower-cased names; repeated fields joined with ", ". */
  headers: Record<string, string>
  /** The body with chunked framing removed. */
  body: Buffer
}

const CRLF2 = Buffer.from('\r\n\r\n')

function parseHead(head: string): Omit<HttpResponse, 'body'> {
  const [statusLine = '', ...lines] = head.split('\r\n')
  const m = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/.exec(statusLine)
  if (!m) throw new Error(`malformed status line: ${JSON.stringify(statusLine)}`)
  const rawHeaders: [string, string][] = []
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const i = line.indexOf(':')
    if (i <= 0) throw new Error(`malformed header line: ${JSON.stringify(line)}`)
    const name = line.slice(0, i)
    const value = line.slice(i + 1).trim()
    rawHeaders.push([name, value])
    const key = name.toLowerCase()
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`
  }
  return { httpVersion: m[1]!, status: Number(m[2]), reason: m[3] ?? '', rawHeaders, headers }
}

/** Decodes a chunked body; `undefined` while the terminating chunk and trailers have not arrived. */
function dechunk(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = []
  let pos = 0
  for (;;) {
    const eol = data.indexOf('\r\n', pos)
    if (eol < 0) return undefined
    const sizeText = data.subarray(pos, eol).toString('latin1').split(';')[0]!.trim()
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw new Error(`malformed chunk size: ${JSON.stringify(sizeText)}`)
    const size = Number.parseInt(sizeText, 16)
    pos = eol + 2
    if (size === 0) {
      const end = data.indexOf('\r\n', pos) === pos ? pos : data.indexOf(CRLF2, pos)
      return end < 0 ? undefined : Buffer.concat(parts)
    }
    if (data.length < pos + size + 2) return undefined
    parts.push(data.subarray(pos, pos + size))
    pos += size + 2
  }
}

/**
 * Parses the first complete response in `data` (after any interim 1xx responses other than 101).
 * Returns `undefined` while more bytes are needed. A response framed by neither Content-Length nor
 * chunked encoding is complete only when `closed` (the server closed the connection). For 101
 * Switching Protocols the body is whatever followed the head.
 *
 * @example
 * parseHttpResponse(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK'))?.body.toString() // 'OK'
 */
export function parseHttpResponse(
  data: Buffer,
  opts: { requestMethod?: string; closed?: boolean } = {},
): HttpResponse | undefined {
  let start = 0
  for (;;) {
    const headEnd = data.indexOf(CRLF2, start)
    if (headEnd < 0) return undefined
    const head = parseHead(data.subarray(start, headEnd).toString('latin1'))
    const rest = data.subarray(headEnd + 4)
    if (head.status >= 100 && head.status < 200 && head.status !== 101) {
      start = headEnd + 4
      continue
    }
    const noBody = opts.requestMethod?.toUpperCase() === 'HEAD' || head.status === 204 || head.status === 304
    if (noBody) return { ...head, body: Buffer.alloc(0) }
    if (head.status === 101) return { ...head, body: Buffer.from(rest) }
    const te = head.headers['transfer-encoding']
    if (te !== undefined && te.toLowerCase().split(',').at(-1)?.trim() === 'chunked') {
      const body = dechunk(rest)
      return body === undefined ? undefined : { ...head, body }
    }
    const cl = head.headers['content-length']
    if (cl !== undefined) {
      const n = Number(cl)
      if (!Number.isSafeInteger(n) || n < 0) throw new Error(`malformed Content-Length: ${cl}`)
      return rest.length >= n ? { ...head, body: Buffer.from(rest.subarray(0, n)) } : undefined
    }
    return opts.closed ? { ...head, body: Buffer.from(rest) } : undefined
  }
}
