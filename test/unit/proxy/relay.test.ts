import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import * as net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { relayBytes } from '../../../src/enforce/proxy/byte-relay.js'
import { parseResponseHead } from '../../../src/enforce/proxy/response-head.js'
import { upgradeAccepted } from '../../../src/enforce/proxy/upgrade-relay.js'

const dir = mkdtempSync(join(tmpdir(), 'airlock-relay-'))
after(() => rmSync(dir, { recursive: true, force: true }))
let n = 0

/** A connected pair of unix sockets, both allowing half-close. */
async function pair(): Promise<[net.Socket, net.Socket, net.Server]> {
  const path = join(dir, `s${n++}.sock`)
  const server = net.createServer({ allowHalfOpen: true })
  await new Promise<void>((r) => server.listen(path, r))
  const accepted = new Promise<net.Socket>((r) => server.once('connection', r))
  const client = net.createConnection({ path, allowHalfOpen: true })
  await new Promise((r) => client.once('connect', r))
  return [client, await accepted, server]
}

function readAll(s: net.Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = ''
    s.on('data', (b: Buffer) => {
      text += b.toString()
    })
    s.on('end', () => resolve(text))
  })
}

describe('relayBytes', () => {
  it('relays both ways and carries a half-close through while the other direction stays open', async () => {
    const [client, proxyClientSide, s1] = await pair()
    const [proxyUpstreamSide, daemon, s2] = await pair()
    const relayed = relayBytes(proxyClientSide, proxyUpstreamSide)
    // The "daemon" echoes what it got once its input ends, like `cat` after stdin EOF.
    const daemonInput = readAll(daemon)
    void daemonInput.then((text) => daemon.end(`echo:${text}`))
    const clientOutput = readAll(client)
    client.end('hello')
    assert.equal(await daemonInput, 'hello')
    assert.equal(await clientOutput, 'echo:hello')
    const counts = await relayed
    assert.deepEqual(counts, { up: 5, down: 10 })
    s1.close()
    s2.close()
  })

  it('closes both sides once the client is gone and the daemon still writes', async () => {
    const [client, a, s1] = await pair()
    const [b, daemon, s2] = await pair()
    const relayed = relayBytes(a, b)
    const daemonClosed = new Promise((r) => daemon.once('close', r))
    daemon.on('error', () => {})
    client.destroy()
    const writer = setInterval(() => daemon.writable && daemon.write('output'), 10)
    const counts = await relayed
    await daemonClosed
    clearInterval(writer)
    assert.equal(counts.up, 0)
    s1.close()
    s2.close()
  })
})

describe('response head', () => {
  it('parses dockerd 101 heads and keeps the bytes after the head', () => {
    const h = parseResponseHead(
      Buffer.from(
        'HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nabc',
      ),
    )
    assert.equal(h?.status, 101)
    assert.equal(h?.rest.toString(), 'abc')
    assert.equal(h?.raw.toString().endsWith('\r\n\r\n'), true)
    assert.equal(parseResponseHead(Buffer.from('HTTP/1.1 200 OK\r\n')), undefined)
    assert.throws(() => parseResponseHead(Buffer.from('SSH-2.0\r\n\r\n')), /malformed status line/)
  })

  it('accepts 101 and the raw-stream 200 only', () => {
    assert.equal(upgradeAccepted({ status: 101, headers: {} }), true)
    assert.equal(
      upgradeAccepted({ status: 200, headers: { 'content-type': 'application/vnd.docker.raw-stream' } }),
      true,
    )
    assert.equal(upgradeAccepted({ status: 200, headers: { 'content-type': 'application/json' } }), false)
    assert.equal(upgradeAccepted({ status: 404, headers: {} }), false)
  })
})
