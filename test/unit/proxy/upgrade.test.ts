import assert from 'node:assert/strict'
import * as net from 'node:net'
import { describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { fakeDaemon, proxyInFront } from './fake-daemon.js'

/** Sends an upgrade request on a raw connection and collects everything that comes back. */
async function hijack(socketPath: string, request: string, after: string) {
  const s = net.createConnection({ path: socketPath, allowHalfOpen: true })
  await new Promise((r) => s.once('connect', r))
  let got = ''
  s.on('data', (b: Buffer) => {
    got += b.toString('latin1')
  })
  const ended = new Promise((r) => s.once('end', r))
  s.write(request)
  s.end(after)
  await Promise.race([ended, sleep(3000)])
  s.destroy()
  return got
}

describe('upgrade relay through a listener', () => {
  it('sends the decided request, relays 101 and then the client stream, half-close included', async () => {
    const log: string[] = []
    const daemon = await fakeDaemon(undefined, (req, socket, head) => {
      let data = head.toString('latin1')
      log.push(`${req.method} ${req.url} upgrade=${req.headers.upgrade} host=${req.headers.host}`)
      socket.write(
        'HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n',
      )
      socket.on('data', (b: Buffer) => {
        data += b.toString('latin1')
      })
      socket.on('end', () => {
        log.push(`received ${JSON.stringify(data)}`)
        socket.end(`out:${data}`)
      })
    })
    const proxy = await proxyInFront(daemon.url)
    try {
      const body = '{"Detach":false,"Tty":false}'
      const got = await hijack(
        proxy.socket,
        `POST /v1.41/exec/abc/start HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}early-stdin`,
        '+more',
      )
      assert.match(got, /^HTTP\/1\.1 101 UPGRADED\r\n/)
      assert.match(got, /\r\n\r\nout:/)
      assert.equal(log[0], 'POST /v1.41/exec/abc/start upgrade=tcp host=docker')
      // The daemon got the re-encoded JSON body first (through the request), then the stream bytes.
      const streamed = JSON.parse(log[1]?.slice('received '.length) ?? '""') as string
      assert.ok(streamed.endsWith('early-stdin+more'), streamed)
      await sleep(50)
      const phases = proxy.store.calls.map((c) => `${c.kind}:${c.event.extra?.['phase']}:${c.event.status}`)
      assert.deepEqual(phases, ['append:decision:0', 'deferred:complete:101'])
    } finally {
      await proxy.close()
      await daemon.close()
    }
  })

  it('relays a refusal by the daemon and closes without streaming', async () => {
    const daemon = await fakeDaemon(undefined, (_req, socket) => {
      socket.on('data', () => {})
      socket.end(
        'HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 29\r\n\r\n{"message":"No such exec: x"}',
      )
    })
    const proxy = await proxyInFront(daemon.url)
    try {
      const got = await hijack(
        proxy.socket,
        'POST /v1.41/containers/x/attach?stream=1&stdin=1 HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n',
        'never-relayed',
      )
      assert.match(got, /^HTTP\/1\.1 404 Not Found/)
      assert.match(got, /No such exec/)
    } finally {
      await proxy.close()
      await daemon.close()
    }
  })

  it('refuses a chunked body on an Upgrade request and Upgrade on a route that does not hijack', async () => {
    const daemon = await fakeDaemon(undefined, () => assert.fail('must not reach the daemon'))
    const proxy = await proxyInFront(daemon.url)
    try {
      const chunked = await hijack(
        proxy.socket,
        'POST /v1.41/exec/abc/start HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n',
        '',
      )
      assert.match(chunked, /^HTTP\/1\.1 400 /)
      assert.match(chunked, /chunked body on an Upgrade request/)
      const create = await hijack(
        proxy.socket,
        'POST /v1.41/containers/create HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 2\r\n\r\n{}',
        '',
      )
      assert.match(create, /^HTTP\/1\.1 400 /)
      assert.equal(daemon.seen.length, 0)
    } finally {
      await proxy.close()
      await daemon.close()
    }
  })
})
