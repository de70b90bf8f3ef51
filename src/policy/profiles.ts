import type { Policy, Profile, RuleMode } from './policy.js'
import type { Rule } from './rule.js'
import { RULES } from './rules/index.js'
import { DEFAULT_SETTINGS } from './settings.js'

/** The mode a rule gets in a built-in profile, from its level. */
export function profileMode(rule: Rule, profile: Profile): RuleMode {
  if (rule.level === 'baseline') return 'enforce'
  if (rule.level === 'restricted') return profile === 'restricted' ? 'enforce' : 'warn'
  return 'off'
}

/**
 * A built-in policy. `baseline` blocks every path to root on the host and lets ordinary workloads
 * through; `restricted` adds least privilege (non-root, capabilities dropped, read-only root,
 * limits required, binds only under allowed prefixes).
 */
export function builtinPolicy(profile: Profile = 'baseline', rules: readonly Rule[] = RULES): Policy {
  return {
    profile,
    rules: Object.fromEntries(
      rules.map((r) => [r.id, { mode: profileMode(r, profile), severity: r.severity }]),
    ),
    exemptions: [],
    settings: structuredClone(DEFAULT_SETTINGS),
    defaults: { noNewPrivileges: true, pidsLimit: 4096 },
    maxGrantTtlSeconds: 3600,
    grantApproval: false,
    source: `built-in:${profile}`,
  }
}
