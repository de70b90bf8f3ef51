import type { Policy, Profile } from '../policy/policy.js'
import { profileMode } from '../policy/profiles.js'
import type { Rule } from '../policy/rule.js'
import { RULES } from '../policy/rules/index.js'

const STRICTNESS: Record<Profile, number> = { baseline: 0, restricted: 1 }
const VARIANTS = new WeakMap<Policy, Map<Profile, Policy>>()

/**
 * The policy a role's requests are decided under: `policy` itself, or — when the role asks for a
 * stricter profile than the policy's — a copy whose rules take that profile's modes, except the
 * rules the policy file set explicitly. A role never loosens the policy. Computed once per policy.
 *
 * @example policyForProfile(builtinPolicy('baseline'), 'restricted').profile // 'restricted'
 */
export function policyForProfile(
  policy: Policy,
  profile: Profile | undefined,
  rules: readonly Rule[] = RULES,
): Policy {
  if (profile === undefined || STRICTNESS[profile] <= STRICTNESS[policy.profile]) return policy
  let byProfile = VARIANTS.get(policy)
  if (!byProfile) {
    byProfile = new Map()
    VARIANTS.set(policy, byProfile)
  }
  const cached = byProfile.get(profile)
  if (cached) return cached
  const explicit = new Set(policy.explicitRules ?? [])
  const variant: Policy = { ...policy, profile, rules: { ...policy.rules } }
  for (const r of rules) {
    const current = policy.rules[r.id]
    if (explicit.has(r.id) || !current) continue
    variant.rules[r.id] = { ...current, mode: profileMode(r, profile) }
  }
  byProfile.set(profile, variant)
  return variant
}
