import { z } from 'zod'
import { SEVERITIES } from '../model/finding.js'
import { AlertsSection } from '../monitor/alerts/alerts-schema.js'
import { RateLimitsSection } from '../monitor/rate-limits-schema.js'

const RuleMode = z.enum(['enforce', 'warn', 'off'])

/** A byte size: a number of bytes or a string with a unit (`512m`, `1g`, `64k`). */
export const ByteSize = z.union([
  z.number().int().positive(),
  z.string().regex(/^[0-9]+(\.[0-9]+)?\s*[kmgt]?i?b?$/i, 'a size such as 512m, 1g or 1048576'),
])

/** A duration: seconds, or a string with a unit (`90s`, `15m`, `2h`, `1d`). */
export const Duration = z.union([
  z.number().int().positive(),
  z.string().regex(/^[0-9]+\s*(s|m|h|d)$/, 'a duration such as 90s, 15m, 2h or 1d'),
])

const RuleOverride = z.union(
  [
    RuleMode,
    z.strictObject({
      mode: RuleMode.optional(),
      severity: z.enum(SEVERITIES).optional(),
    }),
  ],
  { error: `write a mode (enforce, warn or off) or { mode: ..., severity: ${SEVERITIES.join('|')} }` },
)

const Exemption = z.strictObject({
  name: z.string().min(1).optional(),
  rules: z.array(z.string().min(1)).min(1),
  images: z.array(z.string().min(1)).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  callers: z.array(z.string().min(1)).optional(),
  groups: z.array(z.string().min(1)).optional(),
  reason: z.string().min(3, 'every exemption needs a reason'),
  expires: z.string().optional(),
})

const Settings = z.strictObject({
  sensitiveHostPaths: z.array(z.string().startsWith('/')).optional(),
  protectedHostDirs: z.array(z.string().startsWith('/')).optional(),
  readOnlySafeHostPaths: z.array(z.string().startsWith('/')).optional(),
  allowedHostPaths: z.array(z.string().startsWith('/')).optional(),
  allowedCapabilities: z.array(z.string()).optional(),
  allowedRuntimes: z.array(z.string()).optional(),
  allowedLogDrivers: z.array(z.string()).optional(),
  allowedVolumeDrivers: z.array(z.string()).optional(),
  allowedNetworkDrivers: z.array(z.string()).optional(),
  allowedSysctls: z.array(z.string()).optional(),
  allowedDevices: z.array(z.string()).optional(),
  privilegedPortMax: z.number().int().min(0).max(65535).optional(),
  maxPidsLimit: z.number().int().positive().optional(),
  allowedRegistries: z.array(z.string()).optional(),
})

const Defaults = z.strictObject({
  noNewPrivileges: z.boolean().optional(),
  pidsLimit: z.number().int().positive().optional(),
  memory: ByteSize.optional(),
  cpus: z.number().positive().optional(),
  capDropAll: z.boolean().optional(),
  readOnlyRootfs: z.boolean().optional(),
})

const Grants = z.strictObject({
  /** The longest a grant may last (default 1h). */
  maxTtl: Duration.optional(),
  /** A grant is active only once a second admin approved it (two-person rule). */
  requireApproval: z.boolean().optional(),
  /** Containers created under a grant, once it ends: stopped, killed or only flagged (default stop). */
  onEnd: z.enum(['stop', 'kill', 'flag']).optional(),
})

/** An action kind (`container.create`), a prefix (`container.*`) or `*`. */
const KindPattern = z
  .string()
  .regex(
    /^(\*|[a-z]+(\.[a-z]+)?|[a-z]+\.\*)$/,
    'an action kind such as container.create, a prefix such as container.*, or *',
  )

const Role = z.strictObject({
  description: z.string().optional(),
  /** Action kinds the role may call. */
  allow: z.array(KindPattern).optional(),
  /** Action kinds taken out of allow. */
  deny: z.array(KindPattern).optional(),
  /** The strictest profile the role's requests are decided under. */
  profile: z.enum(['baseline', 'restricted']).optional(),
  /** own: only objects labelled airlock.owner=<user>; all: every object. */
  visibility: z.enum(['own', 'all']).optional(),
  /** Manages grants and tokens (admin API). */
  admin: z.boolean().optional(),
  /** Reads the audit log (admin API). */
  audit: z.boolean().optional(),
})

const IdentitySettings = z.strictObject({
  /** The role of an identified caller whose token, certificate and listener name none. */
  defaultRole: z
    .string()
    .regex(/^[a-z][a-z0-9_-]*$/)
    .optional(),
})

/**
 * The policy file, as written. `loadPolicy()` validates a YAML document against this and resolves it
 * into a `Policy`. The JSON Schema published in `schema/policy.schema.json` is generated from it.
 */
export const PolicyFile = z.strictObject({
  /** Which built-in profile to start from. */
  profile: z.enum(['baseline', 'restricted']).default('baseline'),
  /** Per-rule mode and severity, by id (`AL-0001`) or slug (`no-privileged`). */
  rules: z.record(z.string(), RuleOverride).optional(),
  exemptions: z.array(Exemption).optional(),
  settings: Settings.optional(),
  defaults: Defaults.optional(),
  grants: Grants.optional(),
  /** Built-in roles (viewer, developer, admin, auditor) overridden, and new roles. */
  roles: z
    .record(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a role name: lower-case letters, digits, - and _'), Role)
    .optional(),
  identity: IdentitySettings.optional(),
  /** Per-caller rate limits and concurrency caps by class of call (defaults apply without it). */
  rateLimits: RateLimitsSection.optional(),
  /** Alert rules over the decision stream, to the log and to webhooks ([] turns alerts off). */
  alerts: AlertsSection.optional(),
})
export type PolicyFile = z.infer<typeof PolicyFile>

/** The policy file's JSON Schema (draft 2020-12). */
export function policyJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(PolicyFile, { io: 'input' }),
    $id: 'https://airlock.dev/schema/policy.schema.json',
    title: 'Airlock policy',
  }
}
