import type { StoredEvent } from '../audit/audit-store.js'
import { type DecisionSummary, summaryFindings } from '../monitor/decision-summary.js'
import type { FeedFilter, FeedItem } from './api-types.js'

const DECISIONS = new Set(['allow', 'deny', 'error'])

/**
 * The feed filter of a query string: `caller`, `kind`, `decision` (exact matches; others ignored).
 *
 * @example feedFilter({ decision: 'deny', caller: 'alice' }) // { caller: 'alice', decision: 'deny' }
 */
export function feedFilter(q: Record<string, string | undefined>): FeedFilter {
  const f: FeedFilter = {}
  if (q['caller']) f.caller = q['caller']
  if (q['kind']) f.kind = q['kind']
  const d = q['decision']
  if (d && DECISIONS.has(d)) f.decision = d as FeedFilter['decision'] & string
  return f
}

/**
 * Whether a call passes the feed filter.
 *
 * @example matchesFilter(summary, { decision: 'deny' })
 */
export function matchesFilter(
  s: Pick<DecisionSummary, 'caller' | 'kind' | 'decision'>,
  f: FeedFilter,
): boolean {
  return (
    (f.caller === undefined || s.caller === f.caller) &&
    (f.kind === undefined || s.kind === f.kind) &&
    (f.decision === undefined || s.decision === f.decision)
  )
}

/**
 * Whether a stored record is one call's final record: a state-changing call is recorded twice
 * (`phase: decision` before forwarding, `phase: complete` after), the feed and the charts count its
 * completion only.
 *
 * @example store.query({}).filter(isFinalRecord)
 */
export function isFinalRecord(e: Pick<StoredEvent, 'extra'>): boolean {
  return e.extra['phase'] !== 'decision'
}

/**
 * A stored audit record as a feed item, with its findings bounded as the live feed's are (the record
 * keeps neither where a finding is nor which grant waived it, and the total duration only, as
 * `airlockMs`).
 *
 * @example feedItemFromAudit(store.get(42)!).seq // 42
 */
export function feedItemFromAudit(e: StoredEvent): FeedItem {
  return {
    seq: e.seq,
    time: e.time,
    requestId: e.requestId,
    caller: e.caller.user,
    ...(e.caller.role !== undefined && { role: e.caller.role }),
    listener: e.listener,
    method: e.method,
    path: e.path,
    kind: e.actionKind,
    target: e.target,
    decision: e.decision,
    status: e.status,
    ruleIds: e.ruleIds,
    message: e.message,
    grantIds: e.grantIds,
    waivers: [],
    ...summaryFindings(e.findings),
    airlockMs: e.durationMs,
    upstreamMs: null,
  }
}
