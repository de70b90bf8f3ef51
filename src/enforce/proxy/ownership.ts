import { OWNER_LABEL } from '../../identity/owner-labels.js'
import type { ResolvedObject } from './exchange.js'
import { notFoundMessage } from './owned-kinds.js'
import { Refusal } from './refusal.js'

/**
 * Whether `user` owns an object with these labels (`airlock.owner=<user>`). Objects without the
 * label — created before Airlock, or directly on the daemon — belong to no one (admins only).
 *
 * @example owns({ 'airlock.owner': 'alice' }, 'alice') // true
 */
export function owns(labels: Readonly<Record<string, string>>, user: string): boolean {
  return labels[OWNER_LABEL] === user
}

/**
 * The object when `user` owns it; otherwise a 404 Refusal with the daemon's own not-found message,
 * so another user's object is indistinguishable from a missing one.
 *
 * @example ownedOr404(await lookupContainer('web', lookup), 'container', 'web', 'alice')
 */
export function ownedOr404<T extends ResolvedObject>(
  obj: T | undefined,
  type: 'container' | 'exec' | 'volume' | 'network',
  ref: string,
  user: string,
): T {
  if (!obj || !owns(obj.labels, user)) throw new Refusal(404, notFoundMessage(type, ref))
  return obj
}
