import type { RateVerdict } from './rate-limiter.js'

/** How the proxy answers a call over a limit: status, Docker-style message, headers, audit detail. */
export interface RateLimitReply {
  status: 429
  /** One line the docker CLI prints after "Error response from daemon: ". */
  message: string
  headers: { 'Retry-After': string }
  /** For the audit record's `extra`: which limit, and when to retry. */
  extra: { rateLimit: { [key: string]: string | number } }
}

const NOUN: Record<string, string> = {
  create: 'create calls',
  exec: 'exec calls',
  read: 'read calls',
  write: 'write calls',
  attach: 'attach or exec streams',
  build: 'builds',
}

/**
 * The 429 reply for a refused verdict: `Retry-After` in seconds and a message that says which limit
 * the caller hit, for which call, and when to try again.
 *
 * @example
 * rateLimitReply(verdict, 'alice', 'container.create').message
 * // 'airlock: too many requests: alice may make 60 create calls per minute (burst 20); container.create refused, retry in 3s'
 */
export function rateLimitReply(
  verdict: Extract<RateVerdict, { allowed: false }>,
  user: string,
  kind: string,
): RateLimitReply {
  const { limit, retryAfterSeconds } = verdict
  const noun = NOUN[limit.class] ?? `${limit.class} calls`
  const what =
    limit.kind === 'rate'
      ? `${user} may make ${limit.perMinute} ${noun} per minute (burst ${limit.burst})`
      : `${user} may have ${limit.concurrent} ${noun} open at once`
  const extra: RateLimitReply['extra']['rateLimit'] =
    limit.kind === 'rate'
      ? { class: limit.class, perMinute: limit.perMinute, burst: limit.burst, retryAfterSeconds }
      : { class: limit.class, concurrent: limit.concurrent, retryAfterSeconds }
  return {
    status: 429,
    message: `airlock: too many requests: ${what}; ${kind} refused, retry in ${retryAfterSeconds}s`,
    headers: { 'Retry-After': String(retryAfterSeconds) },
    extra: { rateLimit: extra },
  }
}
