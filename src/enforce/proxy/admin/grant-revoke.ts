import { InputError } from '../../../errors.js'
import type { GrantRecord } from '../../../identity/grant-store.js'
import type { Identity } from '../../../model/identity.js'
import type { AdminDeps } from './admin-deps.js'

/**
 * Revokes a grant for `caller`, the same way from the admin API and the dashboard: the change is
 * recorded durably first (no record, no revocation), then made, then the grant's containers are
 * dealt with (policy `grants.onEnd`) before it returns. An unknown or already revoked grant is an
 * `InputError`, and nothing is recorded.
 *
 * @example await revokeGrant(deps, req.caller, 'g-1a2b3c4d5e')
 */
export async function revokeGrant(
  deps: Pick<AdminDeps, 'grants' | 'record' | 'watcher'>,
  caller: Identity,
  id: string,
): Promise<GrantRecord> {
  const g = deps.grants.get(id)
  if (!g) throw new InputError(`no grant with id ${id}`)
  if (g.revokedAt !== undefined) throw new InputError(`grant ${id} is already revoked`)
  deps.record({
    caller,
    actionKind: 'grant.revoke',
    target: id,
    grantIds: [id],
    message: `grant ${id} revoked`,
  })
  const revoked = deps.grants.revoke(id, caller.user)
  await deps.watcher.settleNow()
  return deps.grants.get(id) ?? revoked
}
