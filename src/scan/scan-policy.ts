import { PolicyError } from '../errors.js'
import { loadPolicy } from '../policy/load-policy.js'
import type { Policy, Profile } from '../policy/policy.js'
import { builtinPolicy } from '../policy/profiles.js'
import type { DaemonRule, Rule } from '../policy/rule.js'
import { DAEMON_RULES, RULES } from '../policy/rules/index.js'

/**
 * The request-time catalogue and the daemon rules as one list of policy entries. The policy loader
 * and the built-in profiles read only rule metadata (id, slug, aliases, level, severity), which both
 * kinds share, so a policy file may configure daemon rules (`AL-0204: warn`) like any other.
 *
 * @example loadPolicy('policy.yaml', policyCatalogue()).rules['AL-0204']?.mode // 'enforce'
 */
export function policyCatalogue(daemonRules: readonly DaemonRule[] = DAEMON_RULES): readonly Rule[] {
  return [...RULES, ...(daemonRules as readonly unknown[] as readonly Rule[])]
}

/**
 * The policy a scan runs with: the policy file when one is given (its `profile:` decides), else the
 * built-in profile (baseline by default). Both at once is a usage error: the file names its profile.
 *
 * @example scanPolicy({ profile: 'restricted' }).source // 'built-in:restricted'
 */
export function scanPolicy(opts: { profile?: Profile; policyFile?: string }): Policy {
  if (opts.policyFile !== undefined && opts.profile !== undefined) {
    throw new PolicyError(
      `--profile ${opts.profile} and --policy ${opts.policyFile} were both given: a policy file names its profile (profile: ${opts.profile}); use one of them`,
    )
  }
  const catalogue = policyCatalogue()
  if (opts.policyFile !== undefined) return loadPolicy(opts.policyFile, catalogue)
  return builtinPolicy(opts.profile ?? 'baseline', catalogue)
}

/**
 * Resolves a rule reference (id in any case, slug or alias) over every rule a scan can report.
 *
 * @example resolveRuleRef('no-privileged') // 'AL-0001'
 */
export function resolveRuleRef(ref: string): string | undefined {
  const q = ref.trim()
  const upper = q.toUpperCase()
  for (const r of policyCatalogue()) {
    if (r.id === upper || r.slug === q || r.aliases?.includes(q)) return r.id
  }
  return undefined
}
