import type { z } from 'zod'
import type { RoleConfig } from '../policy/policy.js'
import type { PolicyFile } from '../policy/policy-schema.js'
import { BUILTIN_ROLES } from './builtin-roles.js'
import { expandKindPattern } from './kind-patterns.js'

type RoleFile = NonNullable<z.infer<typeof PolicyFile>['roles']>

/** Makes the error for a path in the policy file. */
export type RoleError = (path: (string | number)[], message: string) => Error

/**
 * Validates the `roles:` section of a policy file: every kind pattern must name at least one action
 * kind, and a role that is not built in must say what it allows. Returns the section as `RoleConfig`s.
 *
 * @example resolveRoles({ developer: { profile: 'restricted' } }, (p, m) => new Error(m)).developer?.profile // 'restricted'
 */
export function resolveRoles(file: RoleFile, error: RoleError): Record<string, RoleConfig> {
  const out: Record<string, RoleConfig> = {}
  for (const [name, role] of Object.entries(file)) {
    for (const key of ['allow', 'deny'] as const) {
      for (const [i, pattern] of (role[key] ?? []).entries()) {
        if (expandKindPattern(pattern).length === 0) {
          throw error(['roles', name, key, i], `"${pattern}" names no action kind; see src/model/action.ts`)
        }
      }
    }
    if (!(name in BUILTIN_ROLES) && role.allow === undefined) {
      throw error(['roles', name], `role "${name}" is not built in: say what it may do with allow: [...]`)
    }
    const conf: RoleConfig = {}
    if (role.allow) conf.allow = role.allow
    if (role.deny) conf.deny = role.deny
    if (role.profile) conf.profile = role.profile
    if (role.visibility) conf.visibility = role.visibility
    if (role.admin !== undefined) conf.admin = role.admin
    if (role.audit !== undefined) conf.audit = role.audit
    if (role.description !== undefined) conf.description = role.description
    out[name] = conf
  }
  return out
}

/**
 * Whether `name` is a built-in role or one the policy defines.
 *
 * @example isKnownRole('viewer') // true
 */
export function isKnownRole(name: string, roles: Record<string, RoleConfig> = {}): boolean {
  return Object.hasOwn(BUILTIN_ROLES, name) || Object.hasOwn(roles, name)
}
