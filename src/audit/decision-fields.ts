import type { Decision } from '../model/decision.js'
import type { AuditEventInput, AuditMutation } from './audit-event.js'

/** The fields of an AuditEvent that come from a Decision. */
export type DecisionFields = Pick<
  AuditEventInput,
  'decision' | 'message' | 'ruleIds' | 'findings' | 'mutations' | 'grantIds'
>

/**
 * The audit fields of a `decide()` result: allow or deny, the message, the failing and warned rule
 * ids (once each, in finding order), compact findings, the mutations applied and the grants used.
 * Mutation values must be JSON; `append` refuses the event otherwise.
 *
 * @example store.append({ ...request, ...decisionFields(decision), status: decision.allowed ? 201 : 403 })
 */
export function decisionFields(decision: Decision): DecisionFields {
  return {
    decision: decision.allowed ? 'allow' : 'deny',
    message: decision.message,
    ruleIds: [...new Set(decision.findings.map((f) => f.ruleId))],
    findings: decision.findings.map((f) => ({ ruleId: f.ruleId, result: f.result, message: f.message })),
    mutations: decision.mutations.map((m) => ({
      path: m.path,
      value: m.value as AuditMutation['value'],
      reason: m.reason,
    })),
    grantIds: decision.grantIds,
  }
}
