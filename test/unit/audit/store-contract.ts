import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { AuditStore } from '../../../src/audit/audit-store.js'
import { GENESIS_HASH } from '../../../src/audit/hash-chain.js'
import { AirlockError } from '../../../src/errors.js'
import { sampleEvent } from './fixtures.js'

const writeError = (err: unknown) => err instanceof AirlockError && err.code === 'E_AUDIT_WRITE'

function fill(store: AuditStore, n: number, from = 0): void {
  const events = Array.from({ length: n }, (_, i) => sampleEvent(from + i))
  if (store.appendBatch) store.appendBatch(events)
  else for (const e of events) store.append(e)
}

/**
 * The behaviour every AuditStore shares. `open` returns a new, empty, writable store; the contract
 * closes it.
 */
export function auditStoreContract(name: string, open: () => AuditStore): void {
  describe(`${name}: AuditStore contract`, () => {
    const withStore = (fn: (s: AuditStore) => void) => () => {
      const store = open()
      try {
        fn(store)
      } finally {
        store.close()
      }
    }

    it(
      'numbers records from 1 without gaps and links each to the previous hash',
      withStore((s) => {
        assert.equal(s.head(), undefined)
        const stored = [s.append(sampleEvent(0)), s.append(sampleEvent(1)), s.append(sampleEvent(2))]
        assert.deepEqual(
          stored.map((e) => e.seq),
          [1, 2, 3],
        )
        assert.equal(stored[0]!.prevHash, GENESIS_HASH)
        assert.equal(stored[1]!.prevHash, stored[0]!.hash)
        assert.equal(stored[2]!.prevHash, stored[1]!.hash)
        for (const e of stored) assert.match(e.hash, /^[0-9a-f]{64}$/)
        assert.deepEqual(s.head(), { seq: 3, hash: stored[2]!.hash })
      }),
    )

    it(
      'returns the event with its defaults, and get reads back the same',
      withStore((s) => {
        const stored = s.append(sampleEvent(1, { target: undefined, extra: { rate: { left: 3 } } }))
        assert.equal(stored.target, '')
        assert.deepEqual(stored.mutations, [])
        assert.deepEqual(stored.extra, { rate: { left: 3 } })
        assert.deepEqual(s.get(1), stored)
        assert.equal(s.get(2), undefined)
      }),
    )

    it(
      'queries by time, caller, decision, action kind, after a seq, with a limit',
      withStore((s) => {
        fill(s, 10)
        const seqs = (q: Parameters<AuditStore['query']>[0]) => s.query(q).map((e) => e.seq)
        assert.deepEqual(seqs({}), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        assert.deepEqual(seqs({ caller: 'alice' }), [1, 3, 5, 7, 9])
        assert.deepEqual(seqs({ decision: 'allow' }), [2, 4, 6, 8, 10])
        assert.deepEqual(seqs({ actionKind: 'container.create', afterSeq: 4 }), [5, 7, 9])
        assert.deepEqual(
          seqs({ since: '2025-01-01T00:00:03.000Z', until: new Date('2025-01-01T00:00:06Z') }),
          [4, 5, 6],
        )
        assert.deepEqual(seqs({ decision: 'deny', limit: 2 }), [1, 3])
        assert.deepEqual(seqs({ caller: 'nobody' }), [])
        assert.throws(() => s.query({ since: 'not a time' }), /since/)
        assert.throws(() => s.query({ limit: 0 }), /limit/)
      }),
    )

    it(
      'tails the last records oldest first',
      withStore((s) => {
        fill(s, 5)
        assert.deepEqual(
          s.tail(2).map((e) => e.seq),
          [4, 5],
        )
        assert.deepEqual(
          s.tail(50).map((e) => e.seq),
          [1, 2, 3, 4, 5],
        )
        assert.deepEqual(s.tail(0), [])
      }),
    )

    it(
      'iterates from a seq across pages',
      withStore((s) => {
        fill(s, 1200)
        const seqs = [...s.iterate(100)].map((e) => e.seq)
        assert.equal(seqs.length, 1101)
        assert.equal(seqs[0], 100)
        assert.equal(seqs.at(-1), 1200)
        assert.ok(seqs.every((seq, i) => seq === 100 + i))
        assert.equal([...s.iterate()].length, 1200)
      }),
    )

    it(
      'verifies an intact log',
      withStore((s) => {
        assert.deepEqual(s.verify(), { ok: true, count: 0, head: { seq: 0, hash: GENESIS_HASH } })
        fill(s, 20)
        assert.deepEqual(s.verify(), { ok: true, count: 20, head: s.head() })
      }),
    )

    it(
      'chains deferred and immediate appends in call order',
      withStore((s) => {
        s.appendDeferred(sampleEvent(0))
        s.appendDeferred(sampleEvent(1))
        const third = s.append(sampleEvent(2))
        assert.equal(third.seq, 3)
        s.appendDeferred(sampleEvent(3))
        s.appendBatch?.([sampleEvent(4)])
        s.appendDeferred(sampleEvent(5))
        s.flush()
        const ids = [...s.iterate()].map((e) => e.requestId.slice(-1))
        assert.deepEqual(ids, s.appendBatch ? ['0', '1', '2', '3', '4', '5'] : ['0', '1', '2', '3', '5'])
        assert.equal(s.verify().ok, true)
      }),
    )

    it(
      'refuses an invalid event with E_AUDIT_WRITE and writes nothing',
      withStore((s) => {
        s.append(sampleEvent(0))
        const head = s.head()
        assert.throws(() => s.append(sampleEvent(1, { time: 'yesterday' })), writeError)
        assert.throws(() => s.appendDeferred(sampleEvent(1, { status: 1.5 })), writeError)
        const batch = [sampleEvent(1), sampleEvent(2, { decision: 'x' as 'deny' })]
        if (s.appendBatch) assert.throws(() => s.appendBatch?.(batch), writeError)
        s.flush()
        assert.deepEqual(s.head(), head)
      }),
    )

    it('refuses to append once closed', () => {
      const s = open()
      s.append(sampleEvent(0))
      s.close()
      s.close()
      assert.throws(() => s.append(sampleEvent(1)), writeError)
      assert.throws(() => s.appendDeferred(sampleEvent(1)), writeError)
    })
  })
}
