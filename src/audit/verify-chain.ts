import { AuditEvent } from './audit-event.js'
import { type AuditRow, indexColumns } from './audit-row.js'
import type { VerifyFailure, VerifyResult } from './audit-store.js'
import { type ChainHead, chainHash, GENESIS_HASH } from './hash-chain.js'

type Bad = { seq: number; reason: VerifyFailure; detail: string }

function checkRow(row: AuditRow, expectedSeq: number, prevHash: string, key?: Uint8Array): Bad | undefined {
  if (row.seq !== expectedSeq) {
    const seq = Math.min(row.seq, expectedSeq)
    const detail =
      row.seq > expectedSeq
        ? `record ${expectedSeq} is missing (next is ${row.seq})`
        : `record ${row.seq} is out of place`
    return { seq, reason: 'gap', detail }
  }
  if (row.prevHash !== prevHash) {
    return { seq: row.seq, reason: 'prev-mismatch', detail: 'prevHash is not the previous record’s hash' }
  }
  if (
    typeof row.event !== 'string' ||
    chainHash(prevHash, row.seq, Buffer.from(row.event, 'utf8'), key) !== row.hash
  ) {
    return {
      seq: row.seq,
      reason: 'hash-mismatch',
      detail: 'the stored bytes do not hash to the stored hash',
    }
  }
  let parsed: ReturnType<typeof AuditEvent.safeParse>
  try {
    parsed = AuditEvent.safeParse(JSON.parse(row.event))
  } catch {
    return { seq: row.seq, reason: 'unparseable', detail: 'the stored event is not JSON' }
  }
  if (!parsed.success) {
    return {
      seq: row.seq,
      reason: 'unparseable',
      detail: `not an audit event: ${parsed.error.issues[0]?.message}`,
    }
  }
  const want = indexColumns(parsed.data)
  for (const col of ['time', 'caller', 'decision', 'actionKind'] as const) {
    if (row[col] !== want[col]) {
      return { seq: row.seq, reason: 'column-mismatch', detail: `column ${col} disagrees with the event` }
    }
  }
  return undefined
}

/**
 * Verifies a hash chain: `rows` in seq order from the first, `head` as stored beside them (undefined
 * when none was stored), `key` when the chain is keyed. Stops at the first bad record. Shared by
 * every store, so they all detect the same tampering the same way.
 *
 * @example verifyChain(db.prepare('SELECT … ORDER BY seq').iterate(), storedHead, key)
 */
export function verifyChain(
  rows: Iterable<AuditRow>,
  head: ChainHead | undefined,
  key?: Uint8Array,
): VerifyResult {
  let count = 0
  let last: ChainHead = { seq: 0, hash: GENESIS_HASH }
  for (const row of rows) {
    const bad = checkRow(row, last.seq + 1, last.hash, key)
    if (bad) return { ok: false, count, firstBad: bad }
    count++
    last = { seq: row.seq, hash: row.hash }
  }
  const stored = head ?? { seq: 0, hash: GENESIS_HASH }
  if (stored.seq !== last.seq) {
    const seq = Math.min(stored.seq, last.seq) + 1
    const detail =
      stored.seq > last.seq
        ? `the log ends at ${last.seq} but its head says ${stored.seq}: records were removed from the end`
        : `the log goes on to ${last.seq} past its head ${stored.seq}`
    return {
      ok: false,
      count: Math.min(count, stored.seq),
      firstBad: { seq, reason: 'head-mismatch', detail },
    }
  }
  if (stored.hash !== last.hash) {
    const detail = 'the last record’s hash is not the stored head hash: the chain was rewritten'
    return {
      ok: false,
      count: Math.max(0, count - 1),
      firstBad: { seq: last.seq || 1, reason: 'head-mismatch', detail },
    }
  }
  return { ok: true, count, head: last }
}
