import type { AuditEventInput, AuditMutation } from '../../audit/audit-event.js'
import { decisionFields } from '../../audit/decision-fields.js'
import type { Identity } from '../../model/identity.js'
import { type Exchange, exchangeKind, exchangeTarget } from './exchange.js'
import type { Refusal } from './refusal.js'

/**
 * Which record of a request this is. A state-changing call gets a `decision` record (durable, before
 * forwarding) and a `complete` record (status, bytes, duration) with the same requestId; reads,
 * denials and errors get one `single` record.
 */
export type RecordPhase = 'decision' | 'complete' | 'single'

const NOBODY: Identity = { user: 'unauthenticated', groups: [], via: 'listener' }

function json(value: unknown): AuditMutation['value'] {
  return JSON.parse(JSON.stringify(value ?? null)) as AuditMutation['value']
}

function base(ex: Exchange, phase: RecordPhase): Omit<AuditEventInput, 'decision' | 'status'> {
  const caller = ex.identity ?? NOBODY
  const interp = ex.interpretation
  const extra: Record<string, AuditMutation['value']> = {}
  if (phase !== 'single') extra['phase'] = phase
  if (ex.upgrade) extra['upgrade'] = true
  if (ex.streamBytes) extra['streamBytes'] = ex.streamBytes
  if (ex.resolved && ex.resolved.id !== ex.resolved.ref) extra['resolved'] = ex.resolved.id
  if (phase !== 'complete' && interp?.notes.length) extra['notes'] = interp.notes
  if (phase !== 'complete' && ex.decision?.warnings.length) extra['warnings'] = ex.decision.warnings
  return {
    time: ex.time,
    caller: {
      user: caller.user,
      groups: caller.groups,
      ...(caller.role !== undefined && { role: caller.role }),
      via: caller.via,
    },
    listener: ex.listener.name,
    method: ex.method || '-',
    path: ex.target,
    actionKind: exchangeKind(ex),
    target: exchangeTarget(ex),
    bodySha256: ex.digest.hex(),
    bodyBytes: ex.digest.bytes,
    responseBytes: ex.responseBytes,
    upstreamStatus: ex.upstreamStatus,
    durationMs: Math.max(0, Math.round((performance.now() - ex.started) * 1000) / 1000),
    requestId: ex.id,
    extra,
  }
}

function decisionPart(ex: Exchange, withDetail: boolean): Partial<AuditEventInput> {
  if (!ex.decision) return {}
  const fields = decisionFields(ex.decision)
  if (!withDetail)
    return {
      decision: fields.decision,
      message: fields.message,
      ruleIds: fields.ruleIds,
      grantIds: fields.grantIds,
    }
  const normalizations = (ex.interpretation?.normalizations ?? []).map((m) => ({
    path: m.path,
    value: json(m.value),
    reason: m.reason,
  }))
  return { ...fields, mutations: [...(fields.mutations ?? []), ...normalizations] }
}

/**
 * The record written durably before a state-changing call is forwarded: the decision in full,
 * status 0 (nothing sent yet).
 *
 * @example store.append(decisionRecord(ex))
 */
export function decisionRecord(ex: Exchange): AuditEventInput {
  return { ...base(ex, 'decision'), ...decisionPart(ex, true), decision: 'allow', status: 0 }
}

/**
 * The record of a forwarded call once it finished: the upstream status, bytes, duration and the
 * body's hash. After a `decision` record it is the `complete` record; for reads it is the only one.
 * `error` is set when the daemon could not be reached or the exchange broke off; `ended` notes a
 * client that went away (the call stays allowed).
 *
 * @example store.appendDeferred(completionRecord(ex))
 */
export function completionRecord(ex: Exchange, error?: string, ended?: string): AuditEventInput {
  const phase: RecordPhase = ex.recorded ? 'complete' : 'single'
  const rec = base(ex, phase)
  if (ended !== undefined) rec.extra = { ...rec.extra, ended }
  return {
    ...rec,
    ...decisionPart(ex, phase === 'single'),
    status: ex.status,
    decision: error === undefined ? 'allow' : 'error',
    ...(error !== undefined && { message: error }),
  }
}

/**
 * The single record of a request the proxy answered itself: a denial by policy, a protocol refusal
 * (400, 401, 413) or an error (500, 502, 503).
 *
 * @example store.append(refusalRecord(ex, new Refusal(403, 'airlock: denied by AL-0001 ...')))
 */
export function refusalRecord(ex: Exchange, refusal: Refusal): AuditEventInput {
  const rec = base(ex, ex.recorded ? 'complete' : 'single')
  if (refusal.extra) rec.extra = { ...rec.extra, ...refusal.extra }
  return {
    ...rec,
    ...decisionPart(ex, !ex.recorded),
    decision: refusal.outcome,
    status: refusal.status,
    message: refusal.message,
  }
}
