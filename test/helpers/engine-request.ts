import { createConnection } from 'node:net'
import { type HttpResponse, parseHttpResponse } from './http-response.js'

export interface EngineRequest {
  /** Default GET. Sent verbatim. */
  method?: string
  /** The request target, sent verbatim: `/v1.41/containers/json?all=1`, `//_ping`, `*`, … */
  path: string
  /**
   * Header fields, sent verbatim and in order. A list may repeat a name. `Host`, `Connection:
   * close`, `Content-Type` (for `json`) and `Content-Length` (when there is a body and no
   * Content-Length / Transfer-Encoding) are added only when absent.
   */
  headers?: Readonly<Record<string, string>> | readonly (readonly [string, string])[]
  body?: string | Buffer
  /** Serialized with JSON.stringify as the body. */
  json?: unknown
  /** Reject when no complete response arrived in this time. Default 30 s. */
  timeoutMs?: number
}

export interface EngineResponse extends HttpResponse {
  /** The body as UTF-8. */
  text: string
}

function requestBytes(req: EngineRequest): Buffer {
  const fields: [string, string][] = Array.isArray(req.headers)
    ? req.headers.map(([k, v]) => [k, v])
    : Object.entries(req.headers ?? {})
  const has = (name: string) => fields.some(([k]) => k.toLowerCase() === name)
  const body = req.json === undefined ? req.body : JSON.stringify(req.json)
  const bodyBytes = body === undefined ? undefined : Buffer.from(body)
  if (!has('host')) fields.unshift(['Host', 'docker'])
  if (req.json !== undefined && !has('content-type')) fields.push(['Content-Type', 'application/json'])
  if (bodyBytes !== undefined && !has('content-length') && !has('transfer-encoding')) {
    fields.push(['Content-Length', String(bodyBytes.length)])
  }
  if (!has('connection')) fields.push(['Connection', 'close'])
  const head = `${req.method ?? 'GET'} ${req.path} HTTP/1.1\r\n${fields.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`
  return Buffer.concat([Buffer.from(head, 'latin1'), bodyBytes ?? Buffer.alloc(0)])
}

/**
 * Sends one HTTP/1.1 request over a unix socket with `node:net` (no `node:http`, so the request is
 * exactly what you wrote) and reads one response, honouring Content-Length, chunked encoding or
 * connection close. For a 101 response it returns after the head. Streams that never end (events,
 * logs --follow) time out: use {@link rawRequest} with `idleMs` for those.
 *
 * @example
 * const res = await engineRequest(daemon.socket, { path: '/_ping' })
 * assert.equal(res.status, 200)
 * assert.equal(res.text, 'OK')
 *
 * @example
 * await engineRequest(daemon.socket, {
 *   method: 'POST',
 *   path: '/v1.41/containers/create',
 *   headers: [['Content-Type', 'application/json'], ['Content-Type', 'text/plain']],
 *   json: { Image: BUSYBOX_IMAGE },
 * })
 */
export function engineRequest(socketPath: string, req: EngineRequest): Promise<EngineResponse> {
  const path = socketPath.replace(/^unix:\/\//, '')
  const timeoutMs = req.timeoutMs ?? 30_000
  const requestMethod = req.method ?? 'GET'
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let settled = false
    const socket = createConnection({ path })
    const finish = (closed: boolean) => {
      if (settled) return
      let res: HttpResponse | undefined
      try {
        res = parseHttpResponse(Buffer.concat(chunks), { requestMethod, closed })
      } catch (e) {
        settled = true
        clearTimeout(timer)
        socket.destroy()
        reject(e)
        return
      }
      if (res === undefined && !closed) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      if (res === undefined) {
        const got = JSON.stringify(Buffer.concat(chunks).toString('latin1'))
        reject(
          new Error(`${requestMethod} ${req.path}: connection closed before a complete response: ${got}`),
        )
      } else {
        resolve({ ...res, text: res.body.toString('utf8') })
      }
    }
    const timer = setTimeout(() => {
      if (settled) return
      settled = true
      socket.destroy()
      const got = JSON.stringify(Buffer.concat(chunks).toString('latin1').slice(0, 2000))
      reject(
        new Error(`${requestMethod} ${req.path}: no complete response within ${timeoutMs} ms; got ${got}`),
      )
    }, timeoutMs)
    socket.on('data', (b: Buffer) => {
      chunks.push(b)
      finish(false)
    })
    socket.on('end', () => finish(true))
    socket.on('close', () => finish(true))
    socket.on('error', (e) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      reject(new Error(`${requestMethod} ${req.path} over ${path}: ${e.message}`, { cause: e }))
    })
    socket.write(requestBytes(req))
  })
}
