/** A token bucket's state: tokens left and when they were last counted (ms, any monotonic clock). */
export interface Bucket {
  tokens: number
  at: number
}

/**
 * Takes one token from `bucket` at `now` after refilling it at `perMinute` up to `burst`. Returns 0
 * when a token was taken, else the milliseconds until one will be there (the bucket is left as
 * refilled, nothing taken). O(1), no allocation; a clock that goes back refills nothing.
 *
 * @example
 * const b = { tokens: 1, at: 0 }
 * takeToken(b, 60, 1, 0)   // 0: taken
 * takeToken(b, 60, 1, 500) // 500: the next token is due at 1000 ms
 */
export function takeToken(bucket: Bucket, perMinute: number, burst: number, now: number): number {
  const elapsed = now - bucket.at
  if (elapsed > 0) {
    bucket.tokens = Math.min(burst, bucket.tokens + (elapsed * perMinute) / 60_000)
    bucket.at = now
  }
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1
    return 0
  }
  return Math.ceil(((1 - bucket.tokens) * 60_000) / perMinute)
}

/**
 * Milliseconds after which a drained bucket is full again: once a caller was idle that long,
 * forgetting its bucket changes nothing.
 *
 * @example refillMs(60, 20) // 20000
 */
export function refillMs(perMinute: number, burst: number): number {
  return Math.ceil((burst * 60_000) / perMinute)
}
