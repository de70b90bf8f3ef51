import type { Decision, Mutation } from '../../model/decision.js'
import { loadPolicy } from '../../policy/load-policy.js'
import type { Policy } from '../../policy/policy.js'
import { builtinPolicy } from '../../policy/profiles.js'

/** The JSON `airlock check` prints: stable, documented in the README. */
export interface CheckOutput {
  allowed: boolean
  message: string
  action: string
  findings: {
    ruleId: string
    slug: string
    severity: string
    result: string
    message: string
    path: string
    waivedBy?: string
  }[]
  mutations: { path: string; value: unknown; reason: string }[]
  notes: string[]
}

/** The policy of a check: the file, else the built-in profile (baseline by default). */
export function checkPolicy(policyFile?: string, profile?: 'baseline' | 'restricted'): Policy {
  return policyFile ? loadPolicy(policyFile) : builtinPolicy(profile ?? 'baseline')
}

/**
 * The output of a check from its decision: findings with their paths as the input names them.
 *
 * @example checkOutput('container.create', decision, { describePath: (p) => p.join('.') }).allowed
 */
export function checkOutput(
  kind: string,
  decision: Decision,
  extra: {
    describePath?: (path: (string | number)[]) => string | undefined
    normalizations?: readonly Mutation[]
    notes?: readonly string[]
  } = {},
): CheckOutput {
  return {
    allowed: decision.allowed,
    message: decision.message,
    action: kind,
    findings: decision.findings.map((f) => ({
      ruleId: f.ruleId,
      slug: f.slug,
      severity: f.severity,
      result: f.waivedBy ? 'pass' : f.result,
      message: f.message,
      path: extra.describePath?.(f.path) ?? f.path.join('.'),
      ...(f.waivedBy && { waivedBy: `${f.waivedBy.kind} ${f.waivedBy.id}` }),
    })),
    mutations: [...(extra.normalizations ?? []), ...decision.mutations].map((m) => ({
      path: m.path.join('.'),
      value: m.value,
      reason: m.reason,
    })),
    notes: [...(extra.notes ?? [])],
  }
}
