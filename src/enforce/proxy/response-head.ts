import type { Socket } from 'node:net'

/** A response head read off a raw connection. */
export interface ResponseHead {
  /** The head bytes exactly as received, through the blank line. */
  raw: Buffer
  status: number
  /** Lower-cased names; a repeated header keeps its first value. */
  headers: Record<string, string>
  /** Bytes that came after the head in the same reads. */
  rest: Buffer
}

const END = Buffer.from('\r\n\r\n')

/**
 * Parses an HTTP/1.x response head; undefined while the blank line has not arrived. Throws on a
 * malformed status line.
 *
 * @example parseResponseHead(Buffer.from('HTTP/1.1 101 UPGRADED\r\nUpgrade: tcp\r\n\r\n'))?.status // 101
 */
export function parseResponseHead(data: Buffer): ResponseHead | undefined {
  const end = data.indexOf(END)
  if (end < 0) return undefined
  const lines = data.subarray(0, end).toString('latin1').split('\r\n')
  const m = /^HTTP\/1\.[01] ([0-9]{3})(?: .*)?$/.exec(lines[0] ?? '')
  if (!m)
    throw new Error(`malformed status line from the daemon: ${JSON.stringify((lines[0] ?? '').slice(0, 80))}`)
  const headers: Record<string, string> = {}
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':')
    if (i <= 0) throw new Error(`malformed header line from the daemon: ${JSON.stringify(line.slice(0, 80))}`)
    const name = line.slice(0, i).trim().toLowerCase()
    headers[name] ??= line.slice(i + 1).trim()
  }
  return { raw: data.subarray(0, end + 4), status: Number(m[1]), headers, rest: data.subarray(end + 4) }
}

/**
 * Reads a response head from `socket` (at most `max` bytes), leaving the socket paused with nothing
 * consumed past the head (extra bytes are in `rest`).
 *
 * @example const head = await readResponseHead(upstreamSocket, 64 * 1024)
 */
export function readResponseHead(socket: Socket, max: number): Promise<ResponseHead> {
  return new Promise((resolve, reject) => {
    let data: Buffer = Buffer.alloc(0)
    const cleanup = () => {
      socket.off('data', onData)
      socket.off('end', onEnd)
      socket.off('close', onEnd)
      socket.off('error', onError)
      socket.pause()
    }
    const onData = (chunk: Buffer) => {
      data = data.length ? Buffer.concat([data, chunk]) : chunk
      let head: ResponseHead | undefined
      try {
        head = parseResponseHead(data)
      } catch (err) {
        cleanup()
        reject(err)
        return
      }
      if (head) {
        cleanup()
        resolve(head)
      } else if (data.length > max) {
        cleanup()
        reject(new Error(`the daemon's response head is larger than ${max} bytes`))
      }
    }
    const onEnd = () => {
      cleanup()
      reject(new Error('the daemon closed the connection before answering'))
    }
    const onError = (err: Error) => {
      cleanup()
      reject(err)
    }
    socket.on('data', onData)
    socket.on('end', onEnd)
    socket.on('close', onEnd)
    socket.on('error', onError)
    socket.resume()
  })
}
