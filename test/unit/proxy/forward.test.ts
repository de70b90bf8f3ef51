import assert from 'node:assert/strict'
import * as net from 'node:net'
import { describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { engineRequest } from '../../helpers/engine-request.js'
import { rawRequest } from '../../helpers/raw-request.js'
import { fakeDaemon, proxyInFront } from './fake-daemon.js'

describe('forward pass through a listener', () => {
  it('forwards the canonical target, filtered headers and the re-encoded body with mutations', async () => {
    const daemon = await fakeDaemon()
    const proxy = await proxyInFront(daemon.url)
    try {
      const res = await engineRequest(proxy.socket, {
        method: 'POST',
        path: '/v1.41/containers/create?name=web',
        headers: [
          ['Authorization', 'Bearer secret'],
          ['Content-Type', 'application/json'],
          ['X-Registry-Auth', 'e30='],
        ],
        body: '{"Image":"busybox",  "Cmd":["true"]}',
      })
      assert.equal(res.status, 200, res.text)
      const seen = daemon.seen.find((r) => r.method === 'POST')
      assert.ok(seen)
      assert.deepEqual(
        daemon.seen.filter((r) => r.method === 'GET').map((r) => r.url),
        ['/images/busybox/json'],
        'the resolve pass looked the image up',
      )
      assert.equal(seen.url, '/v1.41/containers/create?name=web')
      assert.equal(seen.headers.host, 'docker')
      assert.equal(seen.headers.authorization, undefined)
      assert.equal(seen.headers['x-registry-auth'], 'e30=')
      assert.equal(seen.headers['content-type'], 'application/json')
      assert.equal(Number(seen.headers['content-length']), seen.body.length)
      const body = JSON.parse(seen.body.toString()) as {
        HostConfig: { SecurityOpt: string[]; PidsLimit: number }
      }
      assert.ok(
        body.HostConfig.SecurityOpt.some((o) => o.startsWith('no-new-privileges')),
        seen.body.toString(),
      )
      assert.equal(body.HostConfig.PidsLimit, 4096)
      assert.equal(proxy.store.calls[0]?.event.extra?.['phase'], 'decision')
    } finally {
      await proxy.close()
      await daemon.close()
    }
  })

  it('forwards no body to a route that reads none', async () => {
    const daemon = await fakeDaemon()
    const proxy = await proxyInFront(daemon.url)
    try {
      const res = await engineRequest(proxy.socket, {
        method: 'POST',
        path: '/v1.41/containers/web/stop',
        body: 'ignored',
      })
      assert.equal(res.status, 200)
      assert.equal(daemon.seen[0]?.body.length, 0)
      assert.equal(daemon.seen[0]?.headers['content-length'], '0')
    } finally {
      await proxy.close()
      await daemon.close()
    }
  })

  it('streams a response without waiting for its end (logs -f, events)', async () => {
    let finish: (() => void) | undefined
    const daemon = await fakeDaemon((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.write('{"status":"first"}\n')
      finish = () => res.end('{"status":"last"}\n')
    })
    const proxy = await proxyInFront(daemon.url)
    try {
      const first = await rawRequest(proxy.socket, 'GET /v1.41/events HTTP/1.1\r\nHost: x\r\n\r\n', {
        idleMs: 300,
      })
      assert.match(first.toString(), /^HTTP\/1\.1 200 OK/)
      assert.match(first.toString(), /first/)
      assert.doesNotMatch(first.toString(), /last/)
      finish?.()
    } finally {
      await proxy.close()
      await daemon.close()
    }
  })

  it('answers 502 with a clear message when the daemon is not reachable, and keeps serving', async () => {
    const daemon = await fakeDaemon()
    const proxy = await proxyInFront(`unix://${daemon.socket}.missing`)
    try {
      const res = await engineRequest(proxy.socket, { path: '/_ping' })
      assert.equal(res.status, 502)
      assert.match(
        JSON.parse(res.text).message,
        /^airlock: the Docker daemon at unix:\/\/.*missing is not reachable: connect ENOENT/,
      )
      await sleep(20)
      assert.equal(proxy.store.calls.at(-1)?.event.decision, 'error')
      assert.equal(proxy.store.calls.at(-1)?.event.status, 502)
      const again = await engineRequest(proxy.socket, { method: 'POST', path: '/v1.41/containers/x/kill' })
      assert.equal(again.status, 502)
    } finally {
      await proxy.close()
      await daemon.close()
    }
  })

  it('aborts a streamed upload over the limit with 413 and never lets the daemon finish it', async () => {
    const daemon = await fakeDaemon()
    const proxy = await proxyInFront(daemon.url, { limits: { maxBody: 1000, maxJsonBody: 100 } })
    try {
      const chunk = Buffer.alloc(600, 'a')
      const head =
        'POST /v1.41/build HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n'
      const body = `${chunk.length.toString(16)}\r\n${chunk}\r\n`.repeat(3)
      const res = (await rawRequest(proxy.socket, head + body, { idleMs: 500 })).toString()
      assert.match(res, /^HTTP\/1\.1 413 /)
      assert.match(res, /larger than the limit of 1000 bytes/)
      assert.equal(daemon.seen.length, 0, 'the daemon never saw a complete request')
      const ping = await engineRequest(proxy.socket, { path: '/_ping' })
      assert.equal(ping.status, 200)
    } finally {
      await proxy.close()
      await daemon.close()
    }
  })

  it('forwards nothing when the client disconnects mid-body, records an error, keeps serving', async () => {
    const daemon = await fakeDaemon()
    const proxy = await proxyInFront(daemon.url)
    try {
      const s = net.createConnection({ path: proxy.socket })
      await new Promise((r) => s.once('connect', r))
      s.write(
        'POST /v1.41/volumes/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"Na',
      )
      await sleep(50)
      s.destroy()
      await sleep(100)
      assert.equal(daemon.seen.length, 0)
      const rec = proxy.store.calls.at(-1)?.event
      assert.equal(rec?.decision, 'error')
      assert.equal(rec?.actionKind, 'volume.create')
      assert.equal((await engineRequest(proxy.socket, { path: '/_ping' })).status, 200)
    } finally {
      await proxy.close()
      await daemon.close()
    }
  })

  it('answers a request Node cannot parse with 400 and Docker JSON, and records it', async () => {
    const daemon = await fakeDaemon()
    const proxy = await proxyInFront(daemon.url)
    try {
      const res = (
        await rawRequest(
          proxy.socket,
          'POST /v1.41/containers/create HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
        )
      ).toString()
      assert.match(res, /^HTTP\/1\.1 400 /)
      assert.match(res, /\{"message":"airlock: refused: /)
      assert.equal(daemon.seen.length, 0)
      const rec = proxy.store.calls.at(-1)?.event
      assert.equal(rec?.status, 400)
      assert.equal(rec?.method, 'POST')
      assert.equal(rec?.path, '/v1.41/containers/create')
    } finally {
      await proxy.close()
      await daemon.close()
    }
  })
})
