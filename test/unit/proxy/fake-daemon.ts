import { mkdtempSync, rmSync } from 'node:fs'
import * as http from 'node:http'
import type { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ProxyDeps } from '../../../src/enforce/proxy/deps.js'
import { parseEndpoint } from '../../../src/enforce/proxy/endpoint.js'
import { type ProxyListener, startListener } from '../../../src/enforce/proxy/listener.js'
import { Upstream } from '../../../src/enforce/proxy/upstream.js'
import { StubStore, stubDeps } from './fixtures.js'

/** A request the fake daemon received. */
export interface Seen {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  rawHeaders: string[]
  body: Buffer
}

export type FakeHandler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void
export type FakeUpgrade = (req: http.IncomingMessage, socket: Socket, head: Buffer) => void

/**
 * A stand-in for dockerd on a unix socket: records each request and answers with `handler`
 * (default: 200 `{}`), `upgrade` for Upgrade requests. Not a Docker daemon; only for the proxy's
 * own unit tests.
 */
export async function fakeDaemon(handler?: FakeHandler, upgrade?: FakeUpgrade) {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-fake-daemon-'))
  const socket = join(dir, 'docker.sock')
  const seen: Seen[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body,
      })
      if (handler) handler(req, res, body)
      else {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Api-Version': '1.41' })
        res.end('{}\n')
      }
    })
    // Streaming handlers answer before the body ends.
    if (handler && req.method === 'POST' && req.headers['transfer-encoding'])
      handler(req, res, Buffer.alloc(0))
  })
  if (upgrade) server.on('upgrade', upgrade)
  await new Promise<void>((r) => server.listen(socket, r))
  return {
    socket,
    url: `unix://${socket}`,
    seen,
    server,
    async close() {
      server.closeAllConnections()
      await new Promise((r) => server.close(r))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A proxy listener in front of `upstreamUrl` with stub dependencies; `socket` is where to connect. */
export async function proxyInFront(upstreamUrl: string, overrides: Partial<ProxyDeps> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-proxy-unit-'))
  const socket = join(dir, 'proxy.sock')
  const store = new StubStore()
  const upstream = new Upstream(parseEndpoint(upstreamUrl), { lookupTimeoutMs: 1000 })
  const deps = stubDeps({ upstream, resolve: { lookup: upstream, local: false }, ...overrides }, store)
  const listener: ProxyListener = await startListener(parseEndpoint(`unix://${socket}`), deps, {
    mode: 0o600,
  })
  return {
    socket,
    deps,
    store,
    listener,
    async close() {
      listener.destroyAll()
      await listener.stopAccepting()
      upstream.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
