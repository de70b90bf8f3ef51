import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { refillMs, takeToken } from '../../../src/monitor/token-bucket.js'

describe('takeToken', () => {
  it('spends the burst, then refuses with the wait until the next token', () => {
    const b = { tokens: 3, at: 0 }
    assert.equal(takeToken(b, 60, 3, 0), 0)
    assert.equal(takeToken(b, 60, 3, 0), 0)
    assert.equal(takeToken(b, 60, 3, 0), 0)
    assert.equal(takeToken(b, 60, 3, 0), 1000, '60/min: one token a second')
    assert.equal(takeToken(b, 60, 3, 400), 600)
    assert.equal(takeToken(b, 60, 3, 1000), 0)
  })

  it('never saves more than the burst', () => {
    const b = { tokens: 0, at: 0 }
    for (let i = 0; i < 2; i++) assert.equal(takeToken(b, 60, 2, 3_600_000), 0)
    assert.ok(takeToken(b, 60, 2, 3_600_000) > 0)
  })

  it('refills nothing when the clock goes back', () => {
    const b = { tokens: 0, at: 10_000 }
    assert.equal(takeToken(b, 60, 5, 5_000), 1000)
    assert.equal(b.at, 10_000)
  })

  it('a refused call spends nothing', () => {
    const b = { tokens: 0.5, at: 0 }
    takeToken(b, 60, 1, 0)
    assert.equal(b.tokens, 0.5)
  })

  it('knows when a drained bucket is full again', () => {
    assert.equal(refillMs(60, 20), 20_000)
    assert.equal(refillMs(1200, 400), 20_000)
  })
})
