import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

/** One POST the receiver got. */
export interface ReceivedHook {
  path: string
  headers: Record<string, string | string[] | undefined>
  body: unknown
}

/** A local webhook endpoint that records what it is sent. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:PORT` */
  url: string
  readonly received: ReceivedHook[]
  /** Waits until `pick` matches at least `count` received hooks (or throws after `timeoutMs`). */
  waitFor(pick: (h: ReceivedHook) => boolean, count?: number, timeoutMs?: number): Promise<ReceivedHook[]>
  close(): Promise<void>
}

/**
 * Starts an HTTP server on 127.0.0.1 (loopback only, a free port) that answers every request 204
 * and keeps POSTed JSON bodies in order of arrival.
 *
 * @example
 * const hooks = await startWebhookReceiver()
 * after(() => hooks.close())
 * const [hit] = await hooks.waitFor((h) => h.path === '/alerts')
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      let body: unknown = text
      try {
        body = JSON.parse(text)
      } catch {
        // kept as text
      }
      if (req.method === 'POST') received.push({ path: req.url ?? '/', headers: req.headers, body })
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    async waitFor(pick, count = 1, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const hits = received.filter(pick)
        if (hits.length >= count) return hits
        if (Date.now() > deadline)
          throw new Error(
            `${hits.length} of ${count} webhooks within ${timeoutMs} ms; got ${JSON.stringify(received)}`,
          )
        await sleep(25)
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
