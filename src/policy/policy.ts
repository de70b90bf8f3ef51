import type { Severity } from '../model/finding.js'
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
  /** Where the policy came from: a file path or `built-in:<profile>`. */
  source: string
}
