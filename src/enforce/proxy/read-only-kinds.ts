import type { ActionKind } from '../../model/action.js'

/**
 * Action kinds that change nothing on the daemon or the host: metadata reads, log and stats
 * streams, and copies out of containers. Their audit record is written after the response
 * (deferred, batched); every other kind is recorded durably before it is forwarded.
 * `swarm.unlockkey` is left out on purpose: it reveals a secret, so it is recorded like a change.
 */
export const READ_ONLY_KINDS: ReadonlySet<ActionKind> = new Set<ActionKind>([
  'system.ping',
  'system.version',
  'system.info',
  'system.events',
  'system.df',
  'container.list',
  'container.inspect',
  'container.top',
  'container.changes',
  'container.stats',
  'container.logs',
  'container.export',
  'container.wait',
  'archive.get',
  'archive.stat',
  'exec.inspect',
  'image.list',
  'image.inspect',
  'image.history',
  'image.search',
  'image.get',
  'distribution.inspect',
  'volume.list',
  'volume.inspect',
  'network.list',
  'network.inspect',
  'plugin.list',
  'plugin.inspect',
  'plugin.privileges',
  'swarm.inspect',
  'service.list',
  'service.inspect',
  'service.logs',
  'task.list',
  'task.inspect',
  'task.logs',
  'node.list',
  'node.inspect',
  'secret.list',
  'secret.inspect',
  'config.list',
  'config.inspect',
  'checkpoint.list',
])

/**
 * Whether a call of this kind only reads. Unknown kinds are not read-only (fail closed).
 *
 * @example isReadOnlyKind('container.list') // true
 * @example isReadOnlyKind('container.create') // false
 */
export function isReadOnlyKind(kind: string): boolean {
  return READ_ONLY_KINDS.has(kind as ActionKind)
}
