/**
 * Tracks distinct values (containers) seen in a sliding time window and says when `threshold` of
 * them were seen within it. Holds at most `threshold` values: older ones are pruned when it fills.
 *
 * @example
 * const w = new DistinctWindow(2, 60_000)
 * w.add('web', 0); w.add('web', 1) // false, false: one container
 * w.add('db', 2)                  // true: two distinct within 60 s
 */
export class DistinctWindow {
  readonly #seen = new Map<string, number>()
  readonly #threshold: number
  readonly #windowMs: number
  /** Time of the latest value. */
  last = 0

  constructor(threshold: number, windowMs: number) {
    this.#threshold = Math.max(1, threshold)
    this.#windowMs = windowMs
  }

  /** Records `value` at `now`; true (with the values in `values()`) when the threshold is reached. */
  add(value: string, now: number): boolean {
    this.#seen.delete(value)
    this.#seen.set(value, now)
    this.last = now
    if (this.#seen.size < this.#threshold) return false
    for (const [v, t] of this.#seen) {
      if (now - t > this.#windowMs) this.#seen.delete(v)
      else break
    }
    return this.#seen.size >= this.#threshold
  }

  /** The distinct values in the window, oldest first. */
  values(): string[] {
    return [...this.#seen.keys()]
  }

  clear(): void {
    this.#seen.clear()
  }
}
