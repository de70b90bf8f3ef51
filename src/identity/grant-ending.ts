import { type Grant, type GrantStatus, grantStatus } from '../model/grant.js'

/** A grant that ended and whose containers were not dealt with yet. */
export interface EndedGrant {
  grant: Grant
  status: Exclude<GrantStatus, 'active' | 'pending'>
}

/**
 * The grants that ended (expired or revoked) by `now` and are not settled yet: what the watcher must
 * act on.
 *
 * @example endedGrants(grants, new Date(), false).map((e) => e.grant.id) // ['g-1a2b3c']
 */
export function endedGrants(
  grants: readonly (Grant & { settledAt?: string })[],
  now: Date,
  needsApproval: boolean,
): EndedGrant[] {
  const out: EndedGrant[] = []
  for (const grant of grants) {
    if (grant.settledAt !== undefined) continue
    const status = grantStatus(grant, now, needsApproval)
    if (status === 'expired' || status === 'revoked') out.push({ grant, status })
  }
  return out
}
