import {
  type ConcurrencyClass,
  concurrencyClassOf,
  type RateClass,
  rateClassIndex,
  rateClassOf,
} from './action-class.js'
import type { CallerRef } from './caller-ref.js'
import { type CallerLimits, limitsForCaller, type RateLimitSettings } from './rate-limit-settings.js'
import { type Bucket, refillMs, takeToken } from './token-bucket.js'

/** The limit a verdict is about: a rate (`perMinute`, `burst`) or a concurrency cap (`concurrent`). */
export type LimitInfo =
  | { kind: 'rate'; class: RateClass; perMinute: number; burst: number }
  | { kind: 'concurrency'; class: ConcurrencyClass; concurrent: number }

/** What the limiter says about one call. Allowed verdicts are shared constants (no allocation). */
export type RateVerdict =
  | { allowed: true; retryAfterSeconds: 0; limit: undefined }
  | { allowed: false; retryAfterSeconds: number; limit: LimitInfo }

const ALLOWED: RateVerdict = Object.freeze({ allowed: true, retryAfterSeconds: 0, limit: undefined })

interface CallerState {
  limits: CallerLimits
  settings: RateLimitSettings
  buckets: Bucket[]
  attach: number
  build: number
  lastSeen: number
  /** After this long idle, every bucket is full again and the entry can go. */
  idleMs: number
}

export interface RateLimiterOptions {
  /** Callers remembered at most; idle ones are forgotten first (default 10 000). */
  maxCallers?: number
  /** Retry-After for a concurrency refusal, in seconds (default 1). */
  concurrencyRetrySeconds?: number
}

function idleMsOf(limits: CallerLimits): number {
  let ms = 0
  for (const l of limits.classes) if (l.perMinute !== null) ms = Math.max(ms, refillMs(l.perMinute, l.burst))
  return ms
}

/**
 * Per-caller token buckets (one per rate class) and concurrency slots. Each call is O(1) on the
 * caller's own state: no lock, no shared counter, so a flood from one caller costs the others
 * nothing. Memory is bounded: past `maxCallers`, idle callers (whose buckets are full again) are
 * forgotten, then the least recently added ones without open slots.
 *
 * @example
 * const limiter = new RateLimiter(() => effectiveRateLimits(policy))
 * const v = limiter.checkRate(identity, 'container.create', performance.now())
 * if (!v.allowed) reply429(rateLimitReply(v, identity.user, 'container.create'))
 */
export class RateLimiter {
  readonly #settings: () => RateLimitSettings
  readonly #callers = new Map<string, CallerState>()
  readonly #max: number
  readonly #retry: number

  constructor(settings: () => RateLimitSettings, opts: RateLimiterOptions = {}) {
    this.#settings = settings
    this.#max = opts.maxCallers ?? 10_000
    this.#retry = opts.concurrencyRetrySeconds ?? 1
    if (!Number.isSafeInteger(this.#max) || this.#max < 1) throw new RangeError('maxCallers must be ≥ 1')
  }

  /** Callers currently remembered. */
  get size(): number {
    return this.#callers.size
  }

  /**
   * Spends one token of the kind's rate class for `caller` at `now` (ms, monotonic). Refused calls
   * spend nothing, so a caller that stops flooding gets through again as its bucket refills.
   */
  checkRate(caller: CallerRef, kind: string, now: number): RateVerdict {
    const settings = this.#settings()
    if (!settings.enabled) return ALLOWED
    const state = this.#state(caller, settings, now)
    const cls = rateClassOf(kind)
    const i = rateClassIndex(cls)
    const limit = state.limits.classes[i]
    if (!limit || limit.perMinute === null) return ALLOWED
    const waitMs = takeToken(state.buckets[i] as Bucket, limit.perMinute, limit.burst, now)
    if (waitMs === 0) return ALLOWED
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
      limit: { kind: 'rate', class: cls, perMinute: limit.perMinute, burst: limit.burst },
    }
  }

  /**
   * Takes a concurrency slot for a call of `kind` (attach, exec start, build), or refuses when the
   * caller has as many open as allowed. Kinds without a concurrency class always pass and take
   * nothing. Every allowed acquire of a counted kind must be paired with `release`.
   */
  acquire(caller: CallerRef, kind: string, now: number): RateVerdict {
    const cls = concurrencyClassOf(kind)
    if (cls === undefined) return ALLOWED
    const settings = this.#settings()
    const state = this.#state(caller, settings, now)
    const cap = settings.enabled ? state.limits.concurrent[cls] : null
    if (cap !== null && state[cls] >= cap) {
      return {
        allowed: false,
        retryAfterSeconds: this.#retry,
        limit: { kind: 'concurrency', class: cls, concurrent: cap },
      }
    }
    state[cls]++
    return ALLOWED
  }

  /** Gives back the slot an allowed `acquire` of `kind` took. */
  release(caller: CallerRef | string, kind: string): void {
    const cls = concurrencyClassOf(kind)
    if (cls === undefined) return
    const state = this.#callers.get(typeof caller === 'string' ? caller : caller.user)
    if (state && state[cls] > 0) state[cls]--
  }

  /** Open slots of one caller, by class. */
  open(user: string): Record<ConcurrencyClass, number> {
    const s = this.#callers.get(user)
    return { attach: s?.attach ?? 0, build: s?.build ?? 0 }
  }

  /** Forgets callers idle long enough that their buckets are full and who hold no slot. */
  sweep(now: number): void {
    for (const [user, s] of this.#callers) {
      if (s.attach === 0 && s.build === 0 && now - s.lastSeen >= s.idleMs) this.#callers.delete(user)
    }
  }

  #state(caller: CallerRef, settings: RateLimitSettings, now: number): CallerState {
    let s = this.#callers.get(caller.user)
    if (s === undefined) {
      if (this.#callers.size >= this.#max) this.#makeRoom(now)
      const limits = limitsForCaller(settings, caller)
      s = {
        limits,
        settings,
        buckets: limits.classes.map((l) => ({ tokens: l.burst, at: now })),
        attach: 0,
        build: 0,
        lastSeen: now,
        idleMs: idleMsOf(limits),
      }
      this.#callers.set(caller.user, s)
    } else if (s.settings !== settings) {
      // The policy was reloaded: new limits, tokens kept (capped by the new bursts).
      s.limits = limitsForCaller(settings, caller)
      s.settings = settings
      s.idleMs = idleMsOf(s.limits)
      s.limits.classes.forEach((l, i) => {
        const b = s?.buckets[i]
        if (b) b.tokens = Math.min(b.tokens, l.burst)
      })
    }
    s.lastSeen = now
    return s
  }

  /** Frees at least a tenth of the table: idle callers first, then the oldest without open slots. */
  #makeRoom(now: number): void {
    this.sweep(now)
    const target = Math.floor(this.#max * 0.9)
    if (this.#callers.size <= target) return
    for (const [user, s] of this.#callers) {
      if (this.#callers.size <= target) break
      if (s.attach === 0 && s.build === 0) this.#callers.delete(user)
    }
  }
}
