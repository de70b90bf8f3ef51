import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { DeferredQueue } from '../../../src/audit/deferred-queue.js'
import { AirlockError } from '../../../src/errors.js'

function queue(
  opts: { fail?: () => boolean; maxBatch?: number; maxPending?: number; flushMs?: number } = {},
) {
  const batches: number[][] = []
  const errors: unknown[] = []
  const q = new DeferredQueue<number>({
    write: (items) => {
      if (opts.fail?.()) throw new Error('disk full')
      batches.push([...items])
    },
    flushMs: opts.flushMs ?? 5,
    maxBatch: opts.maxBatch ?? 100,
    maxPending: opts.maxPending ?? 1000,
    onError: (err) => errors.push(err),
  })
  return { q, batches, errors }
}

describe('DeferredQueue', () => {
  it('writes a batch as soon as maxBatch items wait', () => {
    const { q, batches } = queue({ maxBatch: 3 })
    for (let i = 1; i <= 7; i++) q.push(i)
    assert.deepEqual(batches, [
      [1, 2, 3],
      [4, 5, 6],
    ])
    assert.deepEqual(q.pending, [7])
    q.clear()
  })

  it('writes what waits after flushMs, in push order', async () => {
    const { q, batches } = queue({ flushMs: 5 })
    q.push(1)
    q.push(2)
    assert.deepEqual(batches, [])
    await sleep(40)
    assert.deepEqual(batches, [[1, 2]])
    assert.equal(q.pending.length, 0)
  })

  it('keeps items when a write fails, reports it, and retries', async () => {
    let failing = true
    const { q, batches, errors } = queue({ fail: () => failing, flushMs: 5 })
    q.push(1)
    await sleep(30)
    assert.ok(errors.length >= 1)
    assert.deepEqual(q.pending, [1])
    assert.throws(() => q.flush(), /disk full/)
    q.push(2)
    failing = false
    await sleep(30)
    assert.deepEqual(batches, [[1, 2]])
  })

  it('refuses new items once maxPending wait', () => {
    const { q } = queue({ fail: () => true, maxBatch: 2, maxPending: 3 })
    q.push(1)
    q.push(2)
    q.push(3)
    assert.throws(
      () => q.push(4),
      (err: unknown) => err instanceof AirlockError && err.code === 'E_AUDIT_WRITE',
    )
    assert.deepEqual(q.pending, [1, 2, 3])
    q.clear()
  })

  it('validates its options', () => {
    assert.throws(() => queue({ maxBatch: 0 }), RangeError)
    assert.throws(() => queue({ flushMs: 1.5 }), RangeError)
  })
})
