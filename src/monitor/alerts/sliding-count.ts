/**
 * Counts events in a sliding time window and says when `threshold` of them fell within it: keeps
 * only the last `threshold` timestamps (a ring), so each hit is O(1) whatever the rate.
 *
 * @example
 * const c = new SlidingCount(3, 60_000)
 * c.hit(0); c.hit(10); c.hit(20) // true: 3 within 60 s (and the count starts over)
 */
export class SlidingCount {
  readonly #times: Float64Array
  readonly #windowMs: number
  #next = 0
  #filled = 0
  /** Time of the latest hit. */
  last = 0

  constructor(threshold: number, windowMs: number) {
    this.#times = new Float64Array(Math.max(1, threshold))
    this.#windowMs = windowMs
  }

  /** Records a hit at `now` (ms); true when it completes `threshold` hits within the window. */
  hit(now: number): boolean {
    const n = this.#times.length
    this.#times[this.#next] = now
    this.#next = (this.#next + 1) % n
    this.#filled = Math.min(n, this.#filled + 1)
    this.last = now
    if (this.#filled < n) return false
    const oldest = this.#times[this.#next] as number
    if (now - oldest > this.#windowMs) return false
    this.#filled = 0
    return true
  }

  /** Hits within the window ending at `now` (at most `threshold`). */
  count(now: number): number {
    const n = this.#times.length
    let c = 0
    for (let i = 0; i < this.#filled; i++) {
      const t = this.#times[(this.#next - 1 - i + n * 2) % n] as number
      if (now - t <= this.#windowMs) c++
    }
    return c
  }
}
