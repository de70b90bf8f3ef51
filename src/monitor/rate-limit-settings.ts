import type { ConcurrencyClass, RateClass } from './action-class.js'
import { rateClassIndex } from './action-class.js'
import type { CallerRef } from './caller-ref.js'

/** One token bucket's size: `perMinute` tokens refill per minute, at most `burst` are saved up. */
export interface ClassLimit {
  /** null: unlimited. */
  perMinute: number | null
  burst: number
}

/** Limits that replace the defaults for callers matching any of `users`, `groups` or `roles`. */
export interface RateLimitOverride {
  /** `name` in the policy file, or `rateLimits.overrides[i]`. */
  id: string
  users?: string[]
  groups?: string[]
  roles?: string[]
  classes: Partial<Record<RateClass, ClassLimit>>
  /** null: unlimited. */
  concurrent: Partial<Record<ConcurrencyClass, number | null>>
}

/** The `rateLimits:` section of a policy, resolved: every class has a limit. */
export interface RateLimitSettings {
  enabled: boolean
  classes: Record<RateClass, ClassLimit>
  /** Calls of a concurrency class one caller may have open at once; null: unlimited. */
  concurrent: Record<ConcurrencyClass, number | null>
  /** First match wins. */
  overrides: RateLimitOverride[]
}

/**
 * The burst when a policy gives only a rate: twenty seconds' worth, at least one.
 *
 * @example defaultBurst(60) // 20
 */
export function defaultBurst(perMinute: number | null): number {
  return perMinute === null ? 1 : Math.max(1, Math.ceil(perMinute / 3))
}

/**
 * Limits in force without a `rateLimits:` section. Sized to stop a flood (thousands of calls a
 * second) yet never a normal workflow of a whole team sharing one unidentified socket: a compose
 * project of 100 services comes up attached (100 creates, 100 attach streams), a CI job builds in
 * parallel, a monitoring agent inspects every container every few seconds.
 */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = Object.freeze({
  enabled: true,
  classes: {
    create: { perMinute: 300, burst: 100 },
    exec: { perMinute: 600, burst: 200 },
    read: { perMinute: 6000, burst: 2000 },
    write: { perMinute: 1800, burst: 600 },
  },
  concurrent: { attach: 128, build: 8 },
  overrides: [],
})

/**
 * The rate limits a policy sets, or the defaults when it sets none.
 *
 * @example effectiveRateLimits(builtinPolicy()).classes.create // { perMinute: 60, burst: 20 }
 */
export function effectiveRateLimits(policy: {
  rateLimits?: RateLimitSettings | undefined
}): RateLimitSettings {
  return policy.rateLimits ?? DEFAULT_RATE_LIMITS
}

/** One caller's limits: per rate class (indexed by `rateClassIndex`) and per concurrency class. */
export interface CallerLimits {
  classes: readonly ClassLimit[]
  concurrent: Readonly<Record<ConcurrencyClass, number | null>>
  /** The override that applied, if any. */
  override: string | undefined
}

function matches(o: RateLimitOverride, caller: CallerRef): boolean {
  if (o.users?.includes(caller.user)) return true
  if (o.groups && caller.groups.some((g) => o.groups?.includes(g))) return true
  return caller.role !== undefined && o.roles?.includes(caller.role) === true
}

/**
 * The limits that apply to one caller: the first matching override over the defaults.
 *
 * @example limitsForCaller(DEFAULT_RATE_LIMITS, { user: 'ci', groups: [] }).classes[0] // create: 300/min
 */
export function limitsForCaller(settings: RateLimitSettings, caller: CallerRef): CallerLimits {
  const o = settings.overrides.find((candidate) => matches(candidate, caller))
  const classes: ClassLimit[] = []
  for (const cls of ['create', 'exec', 'read', 'write'] as const) {
    classes[rateClassIndex(cls)] = o?.classes[cls] ?? settings.classes[cls]
  }
  return {
    classes,
    concurrent: {
      attach: o?.concurrent.attach !== undefined ? o.concurrent.attach : settings.concurrent.attach,
      build: o?.concurrent.build !== undefined ? o.concurrent.build : settings.concurrent.build,
    },
    override: o?.id,
  }
}
