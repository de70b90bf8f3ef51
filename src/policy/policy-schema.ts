import { z } from 'zod'
import { SEVERITIES } from '../model/finding.js'

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
  maxTtl: Duration.optional(),
  requireApproval: z.boolean().optional(),
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
