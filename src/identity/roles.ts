import type { ActionKind } from '../model/action.js'
import type { Policy, Profile, Visibility } from '../policy/policy.js'
import { BUILTIN_ROLES, DEFAULT_ROLE } from './builtin-roles.js'
import { kindSet } from './kind-patterns.js'

/** A role as the proxy applies it: resolved from the built-ins and the policy file. */
export interface Role {
  name: string
  kinds: ReadonlySet<ActionKind>
  /** The strictest profile its requests are decided under; undefined: the policy's. */
  profile: Profile | undefined
  visibility: Visibility
  /** Manages grants and tokens. */
  admin: boolean
  /** Reads the audit log. */
  audit: boolean
}

/** Callers no one authenticated, on a listener that does not ask: today's behaviour, admin rights. */
export const LISTENER_ROLE: Role = {
  name: 'listener',
  kinds: kindSet(['*']),
  profile: undefined,
  visibility: 'all',
  admin: true,
  audit: true,
}

const CACHE = new WeakMap<Policy, Map<string, Role | undefined>>()

function build(name: string, policy: Policy): Role | undefined {
  const base = Object.hasOwn(BUILTIN_ROLES, name) ? BUILTIN_ROLES[name] : undefined
  const over = policy.roles && Object.hasOwn(policy.roles, name) ? policy.roles[name] : undefined
  if (!base && !over) return undefined
  const allow = over?.allow ?? base?.allow ?? []
  const deny = over?.deny ?? base?.deny ?? []
  return {
    name,
    kinds: kindSet(allow, deny),
    profile: over?.profile ?? base?.profile,
    visibility: over?.visibility ?? base?.visibility ?? 'own',
    admin: over?.admin ?? base?.admin ?? false,
    audit: over?.audit ?? base?.audit ?? false,
  }
}

/**
 * The role named `name` under `policy` (built-in, overridden or defined there), or undefined when
 * there is no such role. Resolved once per policy.
 *
 * @example roleNamed('viewer', builtinPolicy()).kinds.has('container.create') // false
 */
export function roleNamed(name: string, policy: Policy): Role | undefined {
  let byName = CACHE.get(policy)
  if (!byName) {
    byName = new Map()
    CACHE.set(policy, byName)
  }
  if (!byName.has(name)) byName.set(name, build(name, policy))
  return byName.get(name)
}

/**
 * The role name an identified caller gets when its credentials name none.
 *
 * @example defaultRoleName(builtinPolicy()) // 'developer'
 */
export function defaultRoleName(policy: Policy): string {
  return policy.defaultRole ?? DEFAULT_ROLE
}
