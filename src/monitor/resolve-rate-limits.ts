import { CONCURRENCY_CLASSES, type ConcurrencyClass, RATE_CLASSES, type RateClass } from './action-class.js'
import {
  type ClassLimit,
  DEFAULT_RATE_LIMITS,
  defaultBurst,
  type RateLimitOverride,
  type RateLimitSettings,
} from './rate-limit-settings.js'
import type { RateLimitsSection } from './rate-limits-schema.js'

type Path = (string | number)[]
/** Builds the error for a value at `path` (load-policy adds the file, line and column). */
export type PolicyFail = (path: Path, message: string) => Error

type ClassInput = { perMinute?: number | 'unlimited' | undefined; burst?: number | undefined }

function classLimit(input: ClassInput | undefined, base: ClassLimit): ClassLimit {
  if (!input) return base
  const perMinute =
    input.perMinute === undefined ? base.perMinute : input.perMinute === 'unlimited' ? null : input.perMinute
  const burst = input.burst ?? (input.perMinute === undefined ? base.burst : defaultBurst(perMinute))
  return { perMinute, burst }
}

function amount(v: number | 'unlimited'): number | null {
  return v === 'unlimited' ? null : v
}

/**
 * The `rateLimits:` section resolved over the defaults: a class given only `perMinute` gets a burst
 * of a third of it; overrides are resolved over the section's own limits.
 *
 * @example resolveRateLimits({ create: { perMinute: 30 } }, fail).classes.create // { perMinute: 30, burst: 10 }
 */
export function resolveRateLimits(section: RateLimitsSection, fail: PolicyFail): RateLimitSettings {
  const classes = {} as Record<RateClass, ClassLimit>
  for (const c of RATE_CLASSES) classes[c] = classLimit(section[c], DEFAULT_RATE_LIMITS.classes[c])
  const concurrent = { ...DEFAULT_RATE_LIMITS.concurrent }
  for (const c of CONCURRENCY_CLASSES) {
    const v = section.concurrent?.[c]
    if (v !== undefined) concurrent[c] = amount(v)
  }
  const overrides = (section.overrides ?? []).map((o, i): RateLimitOverride => {
    if (!o.users && !o.groups && !o.roles) {
      throw fail(['rateLimits', 'overrides', i], 'an override needs users, groups or roles to match callers')
    }
    const over: RateLimitOverride = {
      id: o.name ?? `rateLimits.overrides[${i}]`,
      classes: {},
      concurrent: {},
      ...(o.users && { users: o.users }),
      ...(o.groups && { groups: o.groups }),
      ...(o.roles && { roles: o.roles }),
    }
    for (const c of RATE_CLASSES) if (o[c]) over.classes[c] = classLimit(o[c], classes[c])
    for (const c of CONCURRENCY_CLASSES) {
      const v = o.concurrent?.[c]
      if (v !== undefined) over.concurrent[c as ConcurrencyClass] = amount(v)
    }
    return over
  })
  return { enabled: section.enabled ?? true, classes, concurrent, overrides }
}
