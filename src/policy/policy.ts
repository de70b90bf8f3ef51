import type { Severity } from '../model/finding.js'
import type { AlertRule } from '../monitor/alerts/alert-rule.js'
import type { RateLimitSettings } from '../monitor/rate-limit-settings.js'
import type { RuleSettings } from './settings.js'

export type Profile = 'baseline' | 'restricted'
export type RuleMode = 'enforce' | 'warn' | 'off'

/** Waives rules for matching workloads. Matching is on every given criterion (and). */
export interface Exemption {
  /** Index-based id in the policy file, for audit records: `exemption[2]` or the given name. */
  id: string
  rules: string[]
  /** Image references or digests; a trailing `*` matches a prefix. */
  images?: string[]
  /** Container labels that must all be present with these values. */
  labels?: Record<string, string>
  /** Caller user names. */
  callers?: string[]
  /** Caller groups. */
  groups?: string[]
  reason: string
  /** ISO date after which the exemption stops working. */
  expires?: string
}

/**
 * Secure defaults injected into container specs that leave the field unset. Each becomes a Mutation
 * in the decision, and the proxy applies it to the forwarded request.
 */
export interface SecureDefaults {
  noNewPrivileges?: boolean
  pidsLimit?: number
  memory?: number
  nanoCpus?: number
  capDropAll?: boolean
  readOnlyRootfs?: boolean
}

/** Which objects a role sees and acts on: its own (labelled `airlock.owner=<user>`) or all. */
export type Visibility = 'own' | 'all'

/** What the grant watcher does with containers created under a grant once the grant ends. */
export type GrantOnEnd = 'stop' | 'kill' | 'flag'

/**
 * A role as the policy file defines or overrides it. Every field is optional: given fields replace
 * the built-in role's (see `src/identity/roles.ts`); a new role needs `allow`.
 */
export interface RoleConfig {
  /** Action kinds (`container.create`), prefixes (`container.*`) or `*`. */
  allow?: string[]
  /** Removed from `allow`, same syntax. */
  deny?: string[]
  /** The strictest profile this role's requests are decided under (the policy's when stricter). */
  profile?: Profile
  visibility?: Visibility
  /** Manages grants and tokens through the admin API. */
  admin?: boolean
  /** Reads the audit log through the admin API. */
  audit?: boolean
  description?: string
}

/** A loaded, validated policy: what `decide()` reads. */
export interface Policy {
  profile: Profile
  /** Mode and severity of every rule in the catalogue, by rule id. */
  rules: Record<string, { mode: RuleMode; severity: Severity }>
  exemptions: Exemption[]
  settings: RuleSettings
  defaults: SecureDefaults
  /** Maximum grant lifetime in seconds. */
  maxGrantTtlSeconds: number
  /** Whether a grant needs a second admin's approval. */
  grantApproval: boolean
  /** What happens to containers created under a grant when it ends (default `stop`). */
  grantOnEnd?: GrantOnEnd
  /** Roles defined or overridden in the policy file, by name. */
  roles?: Record<string, RoleConfig>
  /** The role of an identified caller whose token, certificate and listener name none (default `developer`). */
  defaultRole?: string
  /** Rule ids whose mode the policy file set explicitly (kept when a role asks for another profile). */
  explicitRules?: string[]
  /** Per-caller rate and concurrency limits (`rateLimits:`); undefined: the defaults (src/monitor). */
  rateLimits?: RateLimitSettings
  /** Alert rules (`alerts:`); undefined: the default rules, to the log only; empty: no alerts. */
  alerts?: AlertRule[]
  /** Where the policy came from: a file path or `built-in:<profile>`. */
  source: string
}
