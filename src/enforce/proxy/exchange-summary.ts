import type { Decision } from '../../model/decision.js'
import { type DecisionSummary, summaryFindings, waiversOf } from '../../monitor/decision-summary.js'
import { type Exchange, exchangeKind, exchangeTarget } from './exchange.js'

const NONE: readonly string[] = Object.freeze([])

function ruleIdsOf(decision: Decision | undefined): readonly string[] {
  if (!decision || decision.findings.length === 0) return NONE
  return [...new Set(decision.findings.map((f) => f.ruleId))]
}

/**
 * One finished request as monitoring sees it (metrics, live feed, alert rules): who asked what, the
 * outcome, the rules involved, and the time Airlock spent itself (arrival until it forwarded or
 * answered) apart from the daemon's (forwarded until its response head).
 *
 * @example monitor.onRequestDone(exchangeSummary(ex, 'deny', refusal.message))
 */
export function exchangeSummary(
  ex: Exchange,
  decision: DecisionSummary['decision'],
  message: string,
): DecisionSummary {
  const ownEnd = ex.forwardedAt ?? ex.answeredAt ?? ex.started
  const upstreamMs =
    ex.forwardedAt !== undefined && ex.upstreamHeadAt !== undefined
      ? Math.max(0, ex.upstreamHeadAt - ex.forwardedAt)
      : null
  return {
    time: ex.time,
    requestId: ex.id,
    caller: ex.identity?.user ?? 'unauthenticated',
    role: ex.identity?.role ?? ex.role?.name,
    listener: ex.listener.name,
    method: ex.method,
    path: ex.target,
    kind: exchangeKind(ex),
    target: exchangeTarget(ex),
    decision,
    status: ex.status,
    ruleIds: ruleIdsOf(ex.decision),
    message,
    grantIds: ex.decision?.grantIds ?? NONE,
    waivers: waiversOf(ex.decision),
    ...summaryFindings(ex.decision?.findings, ex.interpretation?.describePath),
    airlockMs: Math.max(0, ownEnd - ex.started),
    upstreamMs,
  }
}
