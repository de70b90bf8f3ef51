import { GRANT_LABEL } from '../../identity/owner-labels.js'
import { type Grant, grantStatus } from '../../model/grant.js'
import type { Exchange } from './exchange.js'
import { GRANT_GUARDED_KINDS } from './owned-kinds.js'
import { Refusal } from './refusal.js'

/**
 * The grant ids a container's `airlock.grant` label names (comma-separated; '' for none).
 *
 * @example labelGrantIds('g-1,g-2') // ['g-1', 'g-2']
 */
export function labelGrantIds(value: string | undefined): string[] {
  return (value ?? '').split(',').filter((s) => s !== '')
}

/**
 * Pass — grant guard (after ownership): a container created under a grant may be started,
 * restarted, unpaused or exec'd into only while every grant it was created under is active. Once
 * one ended (expired, revoked, or never approved), such calls are denied (403), for every caller.
 *
 * @example guardGrantedContainer(ex, grants, policy.grantApproval)
 */
export function guardGrantedContainer(
  ex: Exchange,
  grants: readonly Grant[],
  needsApproval: boolean,
  now = new Date(),
): void {
  const kind = ex.request?.route.kind
  if (!kind || !GRANT_GUARDED_KINDS.has(kind) || ex.resolved?.type !== 'container') return
  for (const id of labelGrantIds(ex.resolved.labels[GRANT_LABEL])) {
    const grant = grants.find((g) => g.id === id)
    const status = grant ? grantStatus(grant, now, needsApproval) : 'unknown'
    if (status !== 'active') {
      throw new Refusal(
        403,
        `airlock: denied: container ${ex.resolved.ref} was created under grant ${id}, which is ${status}; it may not ${kind.split('.')[1]} again`,
      )
    }
  }
}
