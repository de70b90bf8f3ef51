import type { ActionKind } from '../../model/action.js'

/** Routes naming a container in their `name` variable. */
export const CONTAINER_REF_KINDS: ReadonlySet<ActionKind> = new Set<ActionKind>([
  'container.inspect',
  'container.export',
  'container.changes',
  'container.top',
  'container.logs',
  'container.stats',
  'container.attach',
  'container.wait',
  'container.resize',
  'container.start',
  'container.stop',
  'container.restart',
  'container.kill',
  'container.pause',
  'container.unpause',
  'container.rename',
  'container.update',
  'container.delete',
  'archive.get',
  'archive.stat',
  'archive.put',
  'exec.create',
  'checkpoint.list',
  'checkpoint.create',
  'checkpoint.delete',
])

/** Routes naming an exec instance (`id` or `name` variable). */
export const EXEC_REF_KINDS: ReadonlySet<ActionKind> = new Set<ActionKind>([
  'exec.inspect',
  'exec.start',
  'exec.resize',
])

/** Routes naming a volume (`name` variable). */
export const VOLUME_REF_KINDS: ReadonlySet<ActionKind> = new Set<ActionKind>([
  'volume.inspect',
  'volume.delete',
  'volume.update',
])

/** Routes naming a network (`id` variable). */
export const NETWORK_REF_KINDS: ReadonlySet<ActionKind> = new Set<ActionKind>([
  'network.inspect',
  'network.delete',
  'network.connect',
  'network.disconnect',
])

/** Lists, prunes and the event stream: restricted with a `label` filter on the owner. */
export const FILTERED_KINDS: ReadonlySet<ActionKind> = new Set<ActionKind>([
  'container.list',
  'container.prune',
  'volume.list',
  'volume.prune',
  'network.list',
  'network.prune',
  'image.prune',
  'system.events',
])

/** Calls that (re)start what is in a container: refused once the grant it was created under ended. */
export const GRANT_GUARDED_KINDS: ReadonlySet<ActionKind> = new Set<ActionKind>([
  'container.start',
  'container.restart',
  'container.unpause',
  'exec.create',
])

/** The daemon's predefined networks: shared by everyone, owned by no one. */
export const SHARED_NETWORKS: ReadonlySet<string> = new Set(['bridge', 'host', 'none', 'default'])

/**
 * What dockerd answers for an object that does not exist, per type: Airlock answers the same for
 * objects of other users, so their existence does not show.
 *
 * @example notFoundMessage('container', 'web') // 'No such container: web'
 */
export function notFoundMessage(type: 'container' | 'exec' | 'volume' | 'network', ref: string): string {
  switch (type) {
    case 'container':
      return `No such container: ${ref}`
    case 'exec':
      return `No such exec instance: ${ref}`
    case 'volume':
      return `get ${ref}: no such volume`
    case 'network':
      return `network ${ref} not found`
  }
}
