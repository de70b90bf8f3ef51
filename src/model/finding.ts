import { z } from 'zod'

/** Severities, in the policy world's vocabulary (Kyverno PolicyReport). */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const
export const Severity = z.enum(SEVERITIES)
export type Severity = z.infer<typeof Severity>

/** Rank for comparisons: critical is 4, info is 0. */
export function severityRank(s: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(s)
}

/** What a rule's check returns: a message and where in the spec or action the problem is. */
export interface RawFinding {
  message: string
  /** Path in the ContainerSpec or Action, e.g. `['mounts', 0, 'source']`. */
  path: (string | number)[]
}

/** Results, as PolicyReport spells them. */
export type Result = 'pass' | 'fail' | 'warn' | 'error' | 'skip'

/** A finding after policy: which rule, how severe, and whether it blocks. */
export interface Finding extends RawFinding {
  ruleId: string
  slug: string
  title: string
  severity: Severity
  /** `fail` blocks (enforce mode); `warn` is reported only. */
  result: 'fail' | 'warn'
  remediation: string
  /** Set when an exemption or grant waived the rule: the finding is kept, reported, and does not block. */
  waivedBy?: { kind: 'exemption' | 'grant'; id: string; reason: string }
  /** Where in the input the value came from, when the adapter knows (wire path). */
  origin?: (string | number)[]
}
