import { queryGet } from '../../engine-api/go-query.js'
import type { InputError } from '../../errors.js'
import { withFilter } from '../../identity/docker-filters.js'
import { OWNER_LABEL, ownerFilter, reservedLabelsIn } from '../../identity/owner-labels.js'
import type { Action } from '../../model/action.js'
import type { Exchange } from './exchange.js'
import {
  CONTAINER_REF_KINDS,
  EXEC_REF_KINDS,
  FILTERED_KINDS,
  GRANT_GUARDED_KINDS,
  NETWORK_REF_KINDS,
  SHARED_NETWORKS,
  VOLUME_REF_KINDS,
} from './owned-kinds.js'
import { lookupContainer, lookupExec, lookupImage, lookupNetwork, lookupVolume } from './owner-lookup.js'
import { ownedOr404, owns } from './ownership.js'
import { Refusal } from './refusal.js'
import { setQuery, setRouteVar } from './rewrite-target.js'
import { bodyContainer, labelCreateBody, setBodyContainer } from './scope-bodies.js'
import { scopeContainerSpec } from './scope-container-spec.js'
import type { UpstreamLookup } from './upstream-lookup.js'

/** Labels a create carries, for the kinds whose labels the client sets. */
function clientLabels(action: Action): Record<string, string> {
  switch (action.kind) {
    case 'container.create':
      return action.spec.labels
    case 'volume.create':
    case 'network.create':
    case 'image.build':
      return action.labels
    default:
      return {}
  }
}

function refuseReserved(action: Action): void {
  const reserved = reservedLabelsIn(clientLabels(action))
  if (reserved.length) {
    throw new Refusal(403, `airlock: denied: the label ${reserved[0]} is reserved: Airlock sets it`)
  }
}

/** An image a non-admin may write to (`repo:tag`): a new name, or an image they own. */
async function checkImageDestination(ref: string, user: string, lookup: UpstreamLookup): Promise<void> {
  if (ref === '' || ref.startsWith(':')) return
  const img = await lookupImage(ref, lookup)
  if (img && !owns(img.labels, user)) {
    throw new Refusal(
      403,
      `airlock: denied: the image name ${ref} is taken by an image that is not yours (shared images are changed by admins only)`,
    )
  }
}

function tagRef(repo: string, tag: string): string {
  return tag === '' ? repo : `${repo}:${tag}`
}

async function scopeOwn(ex: Exchange, action: Action, user: string, lookup: UpstreamLookup): Promise<void> {
  const req = ex.request
  if (!req) return
  const kind = action.kind
  if (CONTAINER_REF_KINDS.has(kind)) {
    const ref = req.vars['name'] ?? ''
    ex.resolved = ownedOr404(await lookupContainer(ref, lookup), 'container', ref, user)
    setRouteVar(req, 'name', ex.resolved.id)
  } else if (EXEC_REF_KINDS.has(kind)) {
    const key = 'id' in req.vars ? 'id' : 'name'
    const ref = req.vars[key] ?? ''
    ex.resolved = ownedOr404(await lookupExec(ref, lookup), 'exec', ref, user)
    setRouteVar(req, key, ex.resolved.id)
  } else if (VOLUME_REF_KINDS.has(kind)) {
    const ref = req.vars['name'] ?? ''
    ex.resolved = ownedOr404(await lookupVolume(ref, lookup), 'volume', ref, user)
    setRouteVar(req, 'name', ex.resolved.id)
  } else if (NETWORK_REF_KINDS.has(kind)) {
    const ref = req.vars['id'] ?? ''
    const net = await lookupNetwork(ref, lookup)
    const shared = net !== undefined && SHARED_NETWORKS.has(net.name) && kind !== 'network.delete'
    ex.resolved = shared ? net : ownedOr404(net, 'network', ref, user)
    setRouteVar(req, 'id', ex.resolved.id)
    if (kind === 'network.connect' || kind === 'network.disconnect') {
      const cref = bodyContainer(ex)
      const c = ownedOr404(await lookupContainer(cref, lookup), 'container', cref, user)
      setBodyContainer(ex, c.id)
    }
  } else if (FILTERED_KINDS.has(kind)) {
    let filters: string
    try {
      filters = withFilter(queryGet(req.query, 'filters'), 'label', ownerFilter(user))
    } catch (err) {
      throw new Refusal(400, (err as InputError).message)
    }
    setQuery(req, 'filters', [filters])
  } else if (kind === 'container.create') {
    const copy = structuredClone(action)
    ex.extraMutations = await scopeContainerSpec(copy.spec, user, lookup)
    ex.action = copy
  } else if (kind === 'container.start' && action.hostConfig) {
    await scopeContainerSpec(structuredClone(action.hostConfig), user, lookup)
  } else if (kind === 'volume.create' && action.name !== '') {
    const existing = await lookupVolume(action.name, lookup)
    if (existing && !owns(existing.labels, user)) {
      throw new Refusal(409, `airlock: denied: a volume named ${action.name} exists and is not yours`)
    }
  } else if (kind === 'image.delete') {
    const ref = req.vars['name'] ?? ''
    const img = await lookupImage(ref, lookup)
    if (img && !owns(img.labels, user)) {
      throw new Refusal(
        403,
        `airlock: denied: image ${ref} is not yours; shared images are removed by admins only`,
      )
    }
  } else if (kind === 'image.tag') {
    await checkImageDestination(tagRef(queryGet(req.query, 'repo'), queryGet(req.query, 'tag')), user, lookup)
  } else if (kind === 'image.build') {
    for (const t of action.tags) await checkImageDestination(t, user, lookup)
  } else if (kind === 'image.create' && action.fromImage === '') {
    await checkImageDestination(tagRef(action.repo, action.tag), user, lookup)
  } else if (kind === 'image.commit') {
    const ref = action.target ?? ''
    const c = ownedOr404(await lookupContainer(ref, lookup), 'container', ref, user)
    setQuery(req, 'container', [c.id])
    await checkImageDestination(tagRef(action.repo, action.tag), user, lookup)
  }
}

function labelOwnCreates(ex: Exchange, action: Action, user: string): void {
  const req = ex.request
  if (!req) return
  if (action.kind === 'volume.create' || action.kind === 'network.create') {
    labelCreateBody(ex, { [OWNER_LABEL]: user })
  } else if (action.kind === 'image.build') {
    setQuery(req, 'labels', [JSON.stringify({ ...action.labels, [OWNER_LABEL]: user })])
  }
}

/**
 * Pass — ownership (after interpret): refuses labels only Airlock sets; labels what an identified
 * caller creates with its owner (volumes, networks, builds here; containers after the decision);
 * and, for roles that see only their own objects, resolves every object the request names on the
 * daemon exactly as dockerd would (full id, name, unique id prefix), answers another user's object
 * as missing (404), forwards the resolved full id instead of the client's reference, and restricts
 * lists, prunes and events to the caller's objects with a label filter. Containers that a grant
 * guards are resolved for every caller, for the grant pass.
 *
 * @example await ownership(ex, lookup)
 */
export async function ownership(ex: Exchange, lookup: UpstreamLookup): Promise<void> {
  const action = ex.action
  const identity = ex.identity
  if (!action || !identity || !ex.role || !ex.request) return
  refuseReserved(action)
  const identified = identity.via !== 'listener'
  if (identified) labelOwnCreates(ex, action, identity.user)
  if (identified && ex.role.visibility === 'own') {
    await scopeOwn(ex, action, identity.user, lookup)
  } else if (GRANT_GUARDED_KINDS.has(action.kind)) {
    const ref = ex.request.vars['name'] ?? ''
    const found = await lookupContainer(ref, lookup)
    if (found) {
      ex.resolved = found
      setRouteVar(ex.request, 'name', found.id)
    }
  }
}
