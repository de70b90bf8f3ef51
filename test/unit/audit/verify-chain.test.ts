import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AuditEvent } from '../../../src/audit/audit-event.js'
import { type AuditRow, indexColumns } from '../../../src/audit/audit-row.js'
import { canonicalJson } from '../../../src/audit/canonical-json.js'
import { chainHash, GENESIS_HASH } from '../../../src/audit/hash-chain.js'
import { verifyChain } from '../../../src/audit/verify-chain.js'
import { sampleEvent } from './fixtures.js'

const KEY = Buffer.from('x'.repeat(32))

/** Chains `texts` (event JSON, or anything) from genesis. */
function chain(texts: string[], key?: Uint8Array): AuditRow[] {
  let prev = GENESIS_HASH
  return texts.map((text, i) => {
    const seq = i + 1
    const hash = chainHash(prev, seq, Buffer.from(text), key)
    let cols = { time: '', caller: '', decision: '', actionKind: '' }
    try {
      cols = indexColumns(AuditEvent.parse(JSON.parse(text)))
    } catch {}
    const row = { seq, ...cols, event: text, prevHash: prev, hash }
    prev = hash
    return row
  })
}

const texts = (n: number) =>
  Array.from({ length: n }, (_, i) => canonicalJson(AuditEvent.parse(sampleEvent(i))))
const headOf = (rows: AuditRow[]) => {
  const last = rows.at(-1)
  return last ? { seq: last.seq, hash: last.hash } : undefined
}
const bad = (rows: AuditRow[], head = headOf(rows), key?: Uint8Array) => {
  const r = verifyChain(rows, head, key)
  return r.ok ? undefined : { seq: r.firstBad.seq, reason: r.firstBad.reason, count: r.count }
}

describe('verifyChain', () => {
  it('accepts an intact chain, keyed or not, and an empty one', () => {
    const rows = chain(texts(5))
    assert.deepEqual(verifyChain(rows, headOf(rows)), { ok: true, count: 5, head: headOf(rows) })
    const keyed = chain(texts(3), KEY)
    assert.equal(verifyChain(keyed, headOf(keyed), KEY).ok, true)
    assert.deepEqual(verifyChain([], undefined), { ok: true, count: 0, head: { seq: 0, hash: GENESIS_HASH } })
  })

  it('finds edited JSON as a hash mismatch', () => {
    const rows = chain(texts(5))
    rows[2]!.event = rows[2]!.event.replace('"deny"', '"allow"')
    assert.deepEqual(bad(rows), { seq: 3, reason: 'hash-mismatch', count: 2 })
  })

  it('finds a keyed chain checked without the key, or with another', () => {
    const rows = chain(texts(2), KEY)
    assert.equal(bad(rows)?.reason, 'hash-mismatch')
    assert.equal(bad(rows, headOf(rows), Buffer.from('y'.repeat(32)))?.seq, 1)
  })

  it('finds a missing record as a gap at its seq', () => {
    const rows = chain(texts(5))
    rows.splice(1, 1)
    assert.deepEqual(bad(rows), { seq: 2, reason: 'gap', count: 1 })
    assert.deepEqual(bad(chain(texts(3)).slice(1)), { seq: 1, reason: 'gap', count: 0 })
  })

  it('finds a record out of place', () => {
    const rows = chain(texts(3))
    rows.unshift({ ...rows[0]!, seq: 0 })
    assert.deepEqual(bad(rows), { seq: 0, reason: 'gap', count: 0 })
  })

  it('finds swapped contents as a prev mismatch', () => {
    const rows = chain(texts(5))
    const [a, b] = [rows[1]!, rows[3]!]
    rows[1] = { ...b, seq: 2 }
    rows[3] = { ...a, seq: 4 }
    assert.deepEqual(bad(rows), { seq: 2, reason: 'prev-mismatch', count: 1 })
  })

  it('finds records removed from the end, or added past the head', () => {
    const rows = chain(texts(5))
    const head = headOf(rows)
    assert.deepEqual(bad(rows.slice(0, 4), head), { seq: 5, reason: 'head-mismatch', count: 4 })
    assert.deepEqual(bad(rows, { seq: 3, hash: rows[2]!.hash }), {
      seq: 4,
      reason: 'head-mismatch',
      count: 3,
    })
    const noHead = verifyChain(rows.slice(0, 4), undefined)
    assert.deepEqual(noHead.ok ? undefined : noHead.firstBad.seq, 1)
    assert.deepEqual(noHead.ok ? undefined : noHead.firstBad.reason, 'head-mismatch')
  })

  it('finds a chain rewritten without updating the head', () => {
    const t = texts(4)
    const original = chain(t)
    t[1] = t[1]!.replace('"allow"', '"deny"')
    assert.notEqual(t[1], texts(4)[1])
    assert.deepEqual(bad(chain(t), headOf(original)), { seq: 4, reason: 'head-mismatch', count: 3 })
  })

  it('finds a well-hashed record that is not an audit event', () => {
    assert.deepEqual(bad(chain([...texts(1), 'not json'])), { seq: 2, reason: 'unparseable', count: 1 })
    assert.deepEqual(bad(chain([...texts(1), '{"a":1}'])), { seq: 2, reason: 'unparseable', count: 1 })
  })

  it('finds an indexed column that disagrees with the hashed JSON', () => {
    for (const col of ['time', 'caller', 'decision', 'actionKind'] as const) {
      const rows = chain(texts(3))
      rows[1]![col] = 'edited'
      assert.deepEqual(bad(rows), { seq: 2, reason: 'column-mismatch', count: 1 }, col)
    }
  })
})
