import { defaultRoleName } from '../../identity/roles.js'
import type { Identity } from '../../model/identity.js'
import type { CallerRef } from '../../monitor/caller-ref.js'
import type { Policy } from '../../policy/policy.js'
import type { ProxyMonitor } from './deps.js'
import type { Exchange } from './exchange.js'
import { Refusal } from './refusal.js'

/**
 * The caller as rate limits see it: its role is the one `authorize` will give it (the credentials'
 * role, else the policy's default role; none for callers of a listener without identification).
 */
function callerRef(identity: Identity, policy: Policy): CallerRef {
  if (identity.role !== undefined || identity.via === 'listener') return identity
  return { user: identity.user, groups: identity.groups, role: defaultRoleName(policy) }
}

/**
 * Pass — rate-limit, right after classify: the caller and the action kind are known, and nothing
 * else was done (no role check, no body read, no daemon lookup, no durable audit write). Every call
 * spends a token of its class whatever comes next, so a caller flooding even calls its role may not
 * make is answered here, at the lowest cost. Over a limit: 429 with Docker's JSON message and
 * `Retry-After`, recorded with a deferred (batched) audit write. An admitted attach, exec start or
 * build holds a concurrency slot (`ex.slot`) until the exchange ends. No monitor: no limits.
 *
 * @example rateLimit(ex, monitor, policy) // throws Refusal(429, 'airlock: too many requests: ...')
 */
export function rateLimit(ex: Exchange, monitor: ProxyMonitor | undefined, policy: Policy): void {
  if (!monitor) return
  const identity = ex.identity
  const kind = ex.request?.route.kind
  if (!identity || !kind)
    throw new Refusal(500, 'airlock: denied: no caller or route to rate-limit', { outcome: 'error' })
  const admission = monitor.admit(callerRef(identity, policy), kind, ex.started)
  if (admission.allowed) {
    ex.slot = admission.slot
    return
  }
  const reply = admission.reply
  throw new Refusal(reply.status, reply.message, {
    headers: reply.headers,
    extra: reply.extra,
    auditLater: true,
  })
}
