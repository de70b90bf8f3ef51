import { PolicyError } from '../errors.js'
import { loadPolicy } from '../policy/load-policy.js'
import type { Policy, Profile } from '../policy/policy.js'
import { builtinPolicy } from '../policy/profiles.js'
import { RULES } from '../policy/rules/index.js'

/**
 * The policy a scan runs with: the policy file when one is given (its `profile:` decides), else the
 * built-in profile (baseline by default). Both at once is a usage error: the file names its profile.
 * The proxy loads the same catalogue, so a policy file means the same to both (`AL-0204: warn`).
 *
 * @example scanPolicy({ profile: 'restricted' }).source // 'built-in:restricted'
 */
export function scanPolicy(opts: { profile?: Profile; policyFile?: string }): Policy {
  if (opts.policyFile !== undefined && opts.profile !== undefined) {
    throw new PolicyError(
      `--profile ${opts.profile} and --policy ${opts.policyFile} were both given: a policy file names its profile (profile: ${opts.profile}); use one of them`,
    )
  }
  if (opts.policyFile !== undefined) return loadPolicy(opts.policyFile)
  return builtinPolicy(opts.profile ?? 'baseline')
}

/**
 * Resolves a rule reference (id in any case, slug or alias) over the catalogue.
 *
 * @example resolveRuleRef('no-privileged') // 'AL-0001'
 */
export function resolveRuleRef(ref: string): string | undefined {
  const q = ref.trim()
  const upper = q.toUpperCase()
  for (const r of RULES) {
    if (r.id === upper || r.slug === q || r.aliases?.includes(q)) return r.id
  }
  return undefined
}
