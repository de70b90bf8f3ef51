import type { Grant } from '../../model/grant.js'
import { decide } from '../../policy/decide.js'
import type { Policy } from '../../policy/policy.js'
import type { Exchange } from './exchange.js'
import { Refusal } from './refusal.js'

/**
 * Pass 7 — decide: runs `decide()` on the resolved action with the caller's identity. A denial
 * becomes a 403 with the decision's one-line message (the docker CLI prints it).
 *
 * @example decideExchange(ex, policy); ex.decision?.allowed // true
 */
export function decideExchange(ex: Exchange, policy: Policy, grants: readonly Grant[] = []): void {
  const action = ex.action
  if (!action) throw new Refusal(500, 'airlock: denied: no action to decide on', { outcome: 'error' })
  const describePath = ex.interpretation?.describePath
  const decision = decide(action, policy, {
    ...(ex.identity && { identity: ex.identity }),
    grants,
    ...(describePath && { describePath }),
  })
  ex.decision = decision
  if (!decision.allowed) throw new Refusal(403, decision.message)
}
