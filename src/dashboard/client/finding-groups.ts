// Which rules of a decision denied it, which were waived and which only warned (no DOM: unit-tested).
import type { FeedItem, SummaryFinding, Waiver } from '../api-types.js'

/** One rule of a decision with its own findings (empty when the item did not carry them). */
export interface RuleFindings {
  ruleId: string
  findings: SummaryFinding[]
  /** The grant or exemption that waived it, when the item says. */
  waiver?: Waiver
}

/** A decision's rules by role: what denied it, what was waived, what only warned. */
export interface FindingGroups {
  deniedBy: RuleFindings[]
  waived: RuleFindings[]
  warnings: RuleFindings[]
  /** Rules the item names without any finding (left out for size, or an older record). */
  unexplained: RuleFindings[]
}

/**
 * Sorts a decision's rules by their role. A rule with a failing finding denied the call unless a
 * waiver names it or the call was allowed anyway (a stored record does not say which grant or
 * exemption waived what); a rule with warnings only was reported, not enforced.
 *
 * @example findingGroups(item).deniedBy.map((r) => r.ruleId) // ['AL-0001']
 */
export function findingGroups(
  item: Pick<FeedItem, 'ruleIds' | 'findings' | 'waivers' | 'decision'>,
): FindingGroups {
  const byRule = new Map<string, RuleFindings>()
  for (const f of item.findings ?? []) {
    const r = byRule.get(f.ruleId) ?? { ruleId: f.ruleId, findings: [] }
    r.findings.push(f)
    byRule.set(f.ruleId, r)
  }
  const groups: FindingGroups = { deniedBy: [], waived: [], warnings: [], unexplained: [] }
  const ids = [...new Set([...byRule.keys(), ...item.ruleIds])]
  for (const ruleId of ids) {
    const r = byRule.get(ruleId) ?? { ruleId, findings: [] }
    const waiver = item.waivers.find((w) => w.ruleId === ruleId)
    if (waiver) r.waiver = waiver
    if (waiver) groups.waived.push(r)
    else if (r.findings.length === 0) groups.unexplained.push(r)
    else if (!r.findings.some((f) => f.result === 'fail')) groups.warnings.push(r)
    else if (item.decision === 'allow') groups.waived.push(r)
    else groups.deniedBy.push(r)
  }
  return groups
}
