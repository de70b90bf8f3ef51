import { defaultRoleName, LISTENER_ROLE, type Role, roleNamed } from '../../identity/roles.js'
import type { Identity } from '../../model/identity.js'
import type { Policy } from '../../policy/policy.js'
import type { Exchange } from './exchange.js'
import { Refusal } from './refusal.js'

/**
 * The role of a caller under `policy`: the listener's own (admin rights) for callers nobody
 * identified, else the role the credentials name, else the policy's default role. Undefined for a
 * role the policy does not know.
 *
 * @example callerRole({ user: 'alice', groups: [], via: 'token' }, policy)?.name // 'developer'
 */
export function callerRole(identity: Identity, policy: Policy): Role | undefined {
  if (identity.via === 'listener') return LISTENER_ROLE
  return roleNamed(identity.role ?? defaultRoleName(policy), policy)
}

/**
 * Pass — authorize (after classify): resolves the caller's role (and records it on the identity)
 * and denies (403) the action kinds the role does not allow, before any body is read.
 *
 * @example authorize(ex, policy) // throws Refusal(403, 'airlock: denied: role viewer may not container.create')
 */
export function authorize(ex: Exchange, policy: Policy): void {
  const identity = ex.identity
  const kind = ex.request?.route.kind
  if (!identity || !kind)
    throw new Refusal(500, 'airlock: denied: no caller or route to authorize', { outcome: 'error' })
  const role = callerRole(identity, policy)
  if (!role) {
    throw new Refusal(
      403,
      `airlock: denied: the role "${identity.role}" of ${identity.user} is not defined in the policy`,
    )
  }
  if (identity.via !== 'listener' && identity.role === undefined)
    ex.identity = { ...identity, role: role.name }
  ex.role = role
  if (!role.kinds.has(kind)) throw new Refusal(403, `airlock: denied: role ${role.name} may not ${kind}`)
}
