import type { AuditEvent } from './audit-event.js'

/** The columns a record is stored in. `event` is the canonical JSON the hash covers. */
export interface AuditRow {
  seq: number
  time: string
  caller: string
  decision: string
  actionKind: string
  event: string
  prevHash: string
  hash: string
}

/** The indexed columns of an event: copies of fields of the hashed JSON, for queries. */
export type IndexColumns = Pick<AuditRow, 'time' | 'caller' | 'decision' | 'actionKind'>

/**
 * The indexed columns derived from an event. Verification recomputes them from the stored JSON, so
 * an edited column is found even though the hash covers only the JSON.
 *
 * @example indexColumns(event) // { time: event.time, caller: 'alice', decision: 'deny', actionKind: 'container.create' }
 */
export function indexColumns(event: AuditEvent): IndexColumns {
  return {
    time: event.time,
    caller: event.caller.user,
    decision: event.decision,
    actionKind: event.actionKind,
  }
}
