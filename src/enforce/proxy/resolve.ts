import type { Action } from '../../model/action.js'
import type { ContainerSpec } from '../../model/container-spec.js'
import type { Exchange } from './exchange.js'
import { type Realpath, resolveBindSources } from './resolve-bind-sources.js'
import { resolveImageUser } from './resolve-image-user.js'
import { resolveJoinedNamespaces } from './resolve-joined-namespaces.js'
import { resolveNamedVolumes } from './resolve-named-volumes.js'
import { resolveVolumesFrom } from './resolve-volumes-from.js'
import type { UpstreamLookup } from './upstream-lookup.js'

export interface ResolveDeps {
  lookup: UpstreamLookup
  /** Airlock runs on the daemon's host (unix socket upstream): host paths mean the same to both. */
  local: boolean
  realpath?: Realpath
}

/** The container spec an action carries, for the kinds that carry one. */
function carriedSpec(action: Action): ContainerSpec | undefined {
  switch (action.kind) {
    case 'container.create':
    case 'service.create':
    case 'service.update':
      return action.spec
    case 'container.start':
      return action.hostConfig
    default:
      return undefined
  }
}

/**
 * Enriches an action with what only the daemon and the host know, before deciding: real bind
 * sources, host namespaces reached through joined containers, mounts inherited with volumes-from,
 * driver options of existing volumes, the image's user. Returns a copy; actions without a container
 * spec are returned as they are (no I/O). Throws a 403 Refusal when a joined or volumes-from
 * container cannot be inspected.
 *
 * @example const resolved = await resolveAction(action, { lookup, local: true })
 */
export async function resolveAction(action: Action, deps: ResolveDeps): Promise<Action> {
  if (!carriedSpec(action)) return action
  const copy = structuredClone(action)
  const spec = carriedSpec(copy) as ContainerSpec
  await Promise.all([resolveJoinedNamespaces(spec, deps.lookup), resolveVolumesFrom(spec, deps.lookup)])
  await Promise.all([
    deps.local ? resolveBindSources(spec, deps.realpath) : undefined,
    resolveNamedVolumes(spec, deps.lookup),
    copy.kind === 'container.create' ? resolveImageUser(spec, deps.lookup) : undefined,
  ])
  return copy
}

/**
 * Pass 6 — resolve: replaces `ex.action` with its resolved copy.
 *
 * @example await resolve(ex, { lookup, local: true })
 */
export async function resolve(ex: Exchange, deps: ResolveDeps): Promise<void> {
  if (ex.action) ex.action = await resolveAction(ex.action, deps)
}
