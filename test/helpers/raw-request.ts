import { createConnection } from 'node:net'

export interface RawRequestOptions {
  /** Stop reading and return what arrived after this long. Default 10 s. */
  timeoutMs?: number
  /** Return once some bytes arrived and then nothing more for this long (keep-alive servers). */
  idleMs?: number
  /** Half-close (send FIN) after writing. Default false. */
  endAfterWrite?: boolean
}

/**
 * Writes `bytes` to a unix socket exactly as given and returns every byte the server sent until it
 * closed the connection (or reset it), went idle for `idleMs`, or `timeoutMs` passed. Rejects only
 * when the connection cannot be made.
 *
 * @example
 * const res = await rawRequest(daemon.socket, Buffer.from('GET /_ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'))
 * assert.match(res.toString(), /^HTTP\/1\.1 200 OK/)
 *
 * @example
 * // Two pipelined requests on a keep-alive connection; stop 300 ms after the last byte.
 * await rawRequest(proxy.socket, Buffer.from(pingTwice), { idleMs: 300 })
 */
export function rawRequest(
  socketPath: string,
  bytes: Buffer | string,
  opts: RawRequestOptions = {},
): Promise<Buffer> {
  const path = socketPath.replace(/^unix:\/\//, '')
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let connected = false
    let settled = false
    let idle: NodeJS.Timeout | undefined
    const socket = createConnection({ path })
    const done = () => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      clearTimeout(idle)
      socket.destroy()
      resolve(Buffer.concat(chunks))
    }
    const timer = setTimeout(done, opts.timeoutMs ?? 10_000)
    socket.on('connect', () => {
      connected = true
      if (opts.endAfterWrite) socket.end(bytes)
      else socket.write(bytes)
    })
    socket.on('data', (b: Buffer) => {
      chunks.push(b)
      if (opts.idleMs !== undefined) {
        clearTimeout(idle)
        idle = setTimeout(done, opts.idleMs)
      }
    })
    socket.on('end', done)
    socket.on('close', done)
    socket.on('error', (e) => {
      if (connected) return done()
      if (settled) return
      settled = true
      clearTimeout(timer)
      reject(new Error(`cannot connect to ${path}: ${e.message}`, { cause: e }))
    })
  })
}
