import { errorMessage } from '../../errors.js'
import { decisionRecord } from './audit-record.js'
import type { AuditSink } from './audit-sink.js'
import { type Exchange, exchangeKind } from './exchange.js'
import { isReadOnlyKind } from './read-only-kinds.js'
import { Refusal } from './refusal.js'

function unwritable(why: string, cause?: unknown): Refusal {
  return new Refusal(
    503,
    `airlock: denied: the audit log cannot be written (${why}); Airlock does not forward calls it cannot record`,
    { outcome: 'error', ...(cause !== undefined && { cause }) },
  )
}

/**
 * Pass 8 — audit, for an allowed request: a state-changing call is recorded durably now, before it is
 * forwarded (`ex.recorded`); a read is recorded when it completes, but only forwarded while the log
 * is writable. Either way, an audit log that cannot be written denies with 503 (fail closed).
 *
 * @example auditBeforeForward(ex, sink) // throws Refusal(503) when the append fails
 */
export function auditBeforeForward(ex: Exchange, sink: AuditSink): void {
  if (isReadOnlyKind(exchangeKind(ex))) {
    if (!sink.healthy()) throw unwritable(sink.failure ?? 'unknown failure')
    return
  }
  try {
    sink.now(decisionRecord(ex))
  } catch (err) {
    throw unwritable(errorMessage(err), err)
  }
  ex.recorded = true
}
