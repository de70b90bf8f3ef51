import { GRANT_LABEL, OWNER_LABEL } from '../../identity/owner-labels.js'
import type { Mutation } from '../../model/decision.js'
import type { Exchange } from './exchange.js'

/**
 * The label mutations of an allowed container create by an identified caller: its owner, and the
 * grants that waived a rule for it ('' when none, which also overrides a label the image carries).
 *
 * @example ownerLabelMutations('alice', ['g-1']) // [{ path: ['labels', 'airlock.owner'], value: 'alice', ... }, ...]
 */
export function ownerLabelMutations(user: string, grantIds: readonly string[]): Mutation[] {
  return [
    { path: ['labels', OWNER_LABEL], value: user, reason: 'airlock: owner of the container' },
    {
      path: ['labels', GRANT_LABEL],
      value: grantIds.join(','),
      reason: 'airlock: grants the container was created under',
    },
  ]
}

/**
 * Pass — label (after decide, before audit): adds Airlock's own changes to an allowed request's
 * mutations, so they are applied to the forwarded body and recorded: references resolved by the
 * ownership pass, and the owner and grant labels of a container create.
 *
 * @example labelAllowed(ex)
 */
export function labelAllowed(ex: Exchange): void {
  const decision = ex.decision
  if (!decision?.allowed || ex.action?.kind !== 'container.create') return
  const extra = [...(ex.extraMutations ?? [])]
  if (ex.identity && ex.identity.via !== 'listener')
    extra.push(...ownerLabelMutations(ex.identity.user, decision.grantIds))
  if (extra.length) decision.mutations = [...decision.mutations, ...extra]
}
