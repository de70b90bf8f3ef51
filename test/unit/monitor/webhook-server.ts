import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One POST the test server received. */
export interface Received {
  path: string
  headers: IncomingMessage['headers']
  body: unknown
}

/**
 * A loopback HTTP server that records webhook POSTs. `statuses` are answered in turn (then 200);
 * `hang` paths never answer.
 */
export async function webhookServer(statuses: number[] = [], hang: string[] = []) {
  const received: Received[] = []
  const waiters: (() => void)[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      })
      for (const w of waiters.splice(0)) w()
      if (hang.includes(req.url ?? '')) return
      res.writeHead(statuses.shift() ?? 200, { 'content-type': 'text/plain' })
      res.end('ok')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  return {
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    received,
    /** Resolves once `n` POSTs arrived. */
    async waitFor(n: number): Promise<void> {
      while (received.length < n) await new Promise<void>((r) => waiters.push(r))
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}
