import type { AuditEvent, AuditEventInput } from './audit-event.js'
import type { ChainHead } from './hash-chain.js'

/** An event as stored: the event plus its place in the hash chain. */
export type StoredEvent = { seq: number } & AuditEvent & { prevHash: string; hash: string }

/** Filters for `query`. Times are inclusive (`since`) and exclusive (`until`); results come in seq order. */
export interface AuditQuery {
  since?: string | Date
  until?: string | Date
  /** The caller's user name. */
  caller?: string
  decision?: AuditEvent['decision']
  actionKind?: string
  /** Only records after this seq: page with the last seq of the previous page. */
  afterSeq?: number
  /** At most this many records (default 1000). */
  limit?: number
}

/** Why verification stopped at a record. */
export type VerifyFailure =
  /** The record's bytes do not hash to its stored hash: the JSON, seq or hash was edited. */
  | 'hash-mismatch'
  /** A seq is missing (a record was deleted) or out of place. */
  | 'gap'
  /** The record's prevHash is not the previous record's hash: records were removed, swapped or spliced. */
  | 'prev-mismatch'
  /** The chain does not end where the stored head says: the tail was truncated or extended. */
  | 'head-mismatch'
  /** The stored JSON is not a valid AuditEvent. */
  | 'unparseable'
  /** An indexed column (time, caller, decision, action kind) disagrees with the hashed JSON. */
  | 'column-mismatch'

/**
 * The outcome of `verify()`. `count` is the number of records found intact: all of them when ok,
 * those before the first bad record otherwise.
 */
export type VerifyResult =
  | { ok: true; count: number; head: ChainHead }
  | { ok: false; count: number; firstBad: { seq: number; reason: VerifyFailure; detail: string } }

/**
 * Where every Docker API call through Airlock is recorded, in a tamper-evident hash chain.
 * One writer (the proxy) appends; readers query, tail and verify. Every method is synchronous.
 *
 * @example
 * const stored = store.append(event) // durable when it returns; throws E_AUDIT_WRITE otherwise
 * store.appendDeferred(readEvent)    // queued; written within a few ms, in call order
 * const result = store.verify()      // { ok: true, count, head } or { ok: false, firstBad, ... }
 */
export interface AuditStore {
  /** Appends one event (after anything deferred), durably. Throws `AirlockError` `E_AUDIT_WRITE` on failure. */
  append(event: AuditEventInput): StoredEvent
  /** Appends several events in one transaction, in order, after anything deferred. */
  appendBatch?(events: readonly AuditEventInput[]): StoredEvent[]
  /**
   * Queues an event to be written with the next batch: no wait for the disk. Chain order is the order
   * of calls to append, appendBatch and appendDeferred. Throws `E_AUDIT_WRITE` if the event is invalid
   * or the queue is full because writes keep failing.
   */
  appendDeferred(event: AuditEventInput): void
  /** Writes everything deferred now. Throws `E_AUDIT_WRITE` on failure (the events stay queued). */
  flush(): void
  get(seq: number): StoredEvent | undefined
  query(q?: AuditQuery): StoredEvent[]
  /** The last `n` records, oldest first. */
  tail(n: number): StoredEvent[]
  /** Every record from `fromSeq` (default 1) on, oldest first, read in pages. */
  iterate(fromSeq?: number): Generator<StoredEvent, void, undefined>
  /** Recomputes the chain over the stored bytes and checks it against the stored head. */
  verify(): VerifyResult
  /** The last record's seq and hash; undefined while the log is empty. */
  head(): ChainHead | undefined
  /**
   * Flushes anything deferred and closes. Idempotent. If that last flush fails, the store closes
   * anyway and throws `E_AUDIT_WRITE`: the deferred events are lost, and the caller should say so.
   */
  close(): void
}
