import { InputError } from '../errors.js'
import type { Policy } from '../policy/policy.js'
import type { Rule } from '../policy/rule.js'
import { RULES } from '../policy/rules/index.js'
import { checkGroupName, checkUserName } from './names.js'

/** What an admin asks for when creating a grant. */
export interface GrantRequest {
  /** A user name or `group:<name>`. */
  subject: string
  /** Rule ids or slugs. */
  rules: readonly string[]
  image?: string
  container?: string
  ttlSeconds: number
  reason: string
}

/** A request checked against the policy: rule ids canonical, TTL within the cap. */
export interface CheckedGrantRequest extends GrantRequest {
  rules: string[]
}

/**
 * Validates a grant request: a valid subject, known rules (slugs become ids), a reason of at least
 * three characters, and a TTL within the policy's `grants.maxTtl`. Throws InputError saying what to
 * change.
 *
 * @example checkGrantRequest({ subject: 'alice', rules: ['no-privileged'], ttlSeconds: 600, reason: 'debug' }, policy).rules // ['AL-0001']
 */
export function checkGrantRequest(
  req: GrantRequest,
  policy: Policy,
  rules: readonly Rule[] = RULES,
): CheckedGrantRequest {
  if (req.subject.startsWith('group:')) checkGroupName(req.subject.slice('group:'.length))
  else checkUserName(req.subject)
  if (req.rules.length === 0) throw new InputError('a grant names at least one rule (--allow AL-0001)')
  const ids = req.rules.map((ref) => {
    const rule = rules.find((r) => r.id === ref || r.slug === ref || r.aliases?.includes(ref))
    if (!rule) throw new InputError(`unknown rule "${ref}"; run "airlock rules list"`)
    return rule.id
  })
  if (req.reason.trim().length < 3) throw new InputError('a grant needs a reason (--reason "...")')
  if (!Number.isSafeInteger(req.ttlSeconds) || req.ttlSeconds <= 0) {
    throw new InputError('a grant needs a positive TTL (--ttl 15m)')
  }
  if (req.ttlSeconds > policy.maxGrantTtlSeconds) {
    throw new InputError(
      `a TTL of ${req.ttlSeconds}s is longer than the policy allows (grants.maxTtl: ${policy.maxGrantTtlSeconds}s)`,
    )
  }
  return {
    subject: req.subject,
    rules: [...new Set(ids)],
    ...(req.image !== undefined && req.image !== '' && { image: req.image }),
    ...(req.container !== undefined && req.container !== '' && { container: req.container }),
    ttlSeconds: req.ttlSeconds,
    reason: req.reason.trim(),
  }
}
