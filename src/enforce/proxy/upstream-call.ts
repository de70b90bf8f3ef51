import type { UpstreamPort } from './deps.js'

/**
 * A small request the proxy makes on its own behalf (stop or kill a container): resolves with the
 * daemon's status and the body's text; rejects on transport errors and after `timeoutMs`.
 *
 * @example await upstreamCall(upstream, 'POST', '/containers/4f9a…/stop?t=2') // { status: 204, text: '' }
 */
export function upstreamCall(
  upstream: UpstreamPort,
  method: string,
  path: string,
  timeoutMs = 30_000,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = upstream.request({ method, path, headers: ['Host', 'docker', 'Content-Length', '0'] })
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
    req.on('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        clearTimeout(timer)
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') })
      })
      res.on('error', () => {})
    })
    req.end()
  })
}
