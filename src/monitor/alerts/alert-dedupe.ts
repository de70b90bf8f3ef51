import { makeRoom } from '../bounded-map.js'

interface Entry {
  until: number
  suppressed: number
}

/**
 * Deduplicates alerts by key: the first of a key passes, the same key again within `windowMs` is
 * suppressed (and counted, so the next one that passes can say how many were held back).
 *
 * @example
 * const d = new AlertDedupe()
 * d.admit('denial-burst:alice', 0, 60_000)    // { send: true, suppressed: 0 }
 * d.admit('denial-burst:alice', 1000, 60_000) // { send: false, ... }
 */
export class AlertDedupe {
  readonly #seen = new Map<string, Entry>()
  readonly #max: number

  constructor(maxKeys = 10_000) {
    this.#max = maxKeys
  }

  /** Whether an alert with `key` is sent at `now`; `suppressed`: how many were held back before it. */
  admit(key: string, now: number, windowMs: number): { send: boolean; suppressed: number } {
    const e = this.#seen.get(key)
    if (e && now < e.until) {
      e.suppressed++
      return { send: false, suppressed: e.suppressed }
    }
    const suppressed = e?.suppressed ?? 0
    if (windowMs <= 0) {
      this.#seen.delete(key)
      return { send: true, suppressed }
    }
    if (!e) makeRoom(this.#seen, this.#max, (v) => now >= v.until)
    this.#seen.set(key, { until: now + windowMs, suppressed: 0 })
    return { send: true, suppressed }
  }
}
