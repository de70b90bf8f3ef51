import assert from 'node:assert/strict'
import type { Socket } from 'node:net'
import { describe, it } from 'node:test'
import { onClientError } from '../../../src/enforce/proxy/client-error.js'
import { stubDeps } from './fixtures.js'

/** A socket that keeps what was written to it. */
function fakeSocket(): Socket & { written: string; destroyed: boolean } {
  const s = {
    written: '',
    writable: true,
    destroyed: false,
    end(data?: string) {
      s.written += data ?? ''
    },
    once() {
      return s
    },
    destroy() {
      s.destroyed = true
    },
  }
  return s as unknown as Socket & { written: string; destroyed: boolean }
}

describe('onClientError', () => {
  it('answers a request the HTTP parser refused with 400 and Docker JSON, recorded deferred (no fsync each)', () => {
    const deps = stubDeps()
    const socket = fakeSocket()
    const err = Object.assign(new Error('Parse Error'), {
      code: 'HPE_INVALID_METHOD',
      reason: 'Invalid method encountered',
      rawPacket: Buffer.from('G@T /v1.41/containers/json HTTP/1.1\r\n\r\n'),
    })
    onClientError(err, socket, { name: 'unix:///run/a.sock', kind: 'unix' }, deps)
    assert.match(socket.written, /^HTTP\/1\.1 400 Bad Request\r\n/)
    assert.match(socket.written, /\r\nConnection: close\r\n/)
    assert.match(socket.written, /"message":"airlock: refused: malformed HTTP request \(HPE_INVALID_METHOD/)
    assert.deepEqual(
      deps.store.calls.map((c) => [c.kind, c.event.status, c.event.decision]),
      [['deferred', 400, 'deny']],
    )
  })

  it('does not record a reset of an idle connection', () => {
    const deps = stubDeps()
    const socket = fakeSocket()
    onClientError(
      Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
      socket,
      { name: 'x', kind: 'unix' },
      deps,
    )
    assert.equal(socket.destroyed, true)
    assert.equal(deps.store.calls.length, 0)
  })
})

describe('socketClientSide (refused Upgrade requests)', () => {
  it('answers with Docker JSON and closes without announcing it, so docker CLI 20.10 reports the status', async () => {
    const { socketClientSide } = await import('../../../src/enforce/proxy/client-side.js')
    const socket = fakeSocket()
    socketClientSide(socket).sendError(429, 'airlock: too many requests: alice', true, { 'Retry-After': '2' })
    assert.match(socket.written, /^HTTP\/1\.1 429 Too Many Requests\r\n/)
    assert.match(socket.written, /\r\nRetry-After: 2\r\n/)
    assert.doesNotMatch(socket.written, /Connection: close/i)
    assert.match(socket.written, /\r\n\r\n\{"message":"airlock: too many requests: alice"\}/)
  })
})
