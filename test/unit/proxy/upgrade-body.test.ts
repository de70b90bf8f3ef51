import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import type { Socket } from 'node:net'
import { describe, it } from 'node:test'
import { Refusal } from '../../../src/enforce/proxy/refusal.js'
import { upgradeBody } from '../../../src/enforce/proxy/upgrade-body.js'

class StubSocket extends EventEmitter {
  paused = false
  pause() {
    this.paused = true
    return this
  }
  resume() {
    this.paused = false
    return this
  }
}

describe('upgradeBody', () => {
  it('takes the body from the bytes Node read past the head and holds the rest', async () => {
    const s = new StubSocket()
    const body = upgradeBody(s as unknown as Socket, Buffer.from('{"Tty":true}STDIN'), {
      'content-length': '12',
    })
    assert.equal(s.paused, true)
    assert.equal((await body.read(100)).toString(), '{"Tty":true}')
    assert.equal(body.early().toString(), 'STDIN')
  })

  it('reads the rest of the body from the socket, then pauses it', async () => {
    const s = new StubSocket()
    const body = upgradeBody(s as unknown as Socket, Buffer.from('{"Tt'), { 'content-length': '12' })
    const p = body.read(100)
    assert.equal(s.paused, false)
    s.emit('data', Buffer.from('y":true}'))
    assert.equal((await p).toString(), '{"Tty":true}')
    assert.equal(s.paused, true)
    assert.equal(body.early().length, 0)
  })

  it('refuses a chunked body and one over the limit', async () => {
    const chunked = upgradeBody(new StubSocket() as unknown as Socket, Buffer.alloc(0), {
      'transfer-encoding': 'chunked',
    })
    await assert.rejects(chunked.read(100), (e) => e instanceof Refusal && e.status === 400)
    const big = upgradeBody(new StubSocket() as unknown as Socket, Buffer.alloc(0), {
      'content-length': '101',
    })
    await assert.rejects(big.read(100), (e) => e instanceof Refusal && e.status === 413)
  })

  it('reports a client that closed before the whole body as an error', async () => {
    const s = new StubSocket()
    const p = upgradeBody(s as unknown as Socket, Buffer.from('ab'), { 'content-length': '10' }).read(100)
    s.emit('end')
    await assert.rejects(p, (e) => e instanceof Refusal && e.outcome === 'error')
  })
})
