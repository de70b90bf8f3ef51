import type { Severity } from '../model/finding.js'
import type { Exemption, Policy, RuleMode } from '../policy/policy.js'
import type { RuleMeta } from '../policy/rule.js'

/**
 * The mode and severity a policy gives a rule: its own entry, else what the rule's level gives under
 * the policy's profile (the same mapping `profileMode` applies to the catalogue).
 *
 * @example ruleVerdict(daemonLiveRestore, builtinPolicy('baseline')) // { mode: 'warn', severity: 'low' }
 */
export function ruleVerdict(rule: RuleMeta, policy: Policy): { mode: RuleMode; severity: Severity } {
  const conf = policy.rules[rule.id]
  if (conf) return conf
  const mode =
    rule.level === 'baseline'
      ? 'enforce'
      : rule.level === 'restricted'
        ? policy.profile === 'restricted'
          ? 'enforce'
          : 'warn'
        : 'off'
  return { mode, severity: rule.severity }
}

/**
 * The exemption that waives a rule for a subject with nothing to match on but the rule (a daemon, a
 * Dockerfile): one naming the rule, no image, label, caller or group, and not expired.
 *
 * @example ruleOnlyExemption(daemonAuthorizationPlugin, policy, new Date())?.reason // 'fronted by the Airlock proxy'
 */
export function ruleOnlyExemption(rule: RuleMeta, policy: Policy, now: Date): Exemption | undefined {
  return policy.exemptions.find(
    (e) =>
      (e.rules.includes(rule.id) || e.rules.includes(rule.slug)) &&
      !e.images &&
      !e.labels &&
      !e.callers &&
      !e.groups &&
      (e.expires === undefined || Date.parse(e.expires) > now.getTime()),
  )
}
