import type { ContainerSpec } from '../../model/container-spec.js'
import type { Mutation } from '../../model/decision.js'
import { joinedContainer, namespaceKind } from '../../model/namespace-kind.js'
import { SHARED_NETWORKS } from './owned-kinds.js'
import { lookupContainer, lookupNetwork, lookupVolume } from './owner-lookup.js'
import { owns } from './ownership.js'
import { Refusal } from './refusal.js'
import type { UpstreamLookup } from './upstream-lookup.js'

const JOINABLE = ['network', 'pid', 'ipc', 'uts', 'cgroupSpec'] as const

const reason = 'airlock: the container reference, resolved to its full id (ownership checked)'

/** Splits `ref[:suffix]` as dockerd splits volumes-from (`ref:ro`) and links (`ref:alias`). */
function splitRef(entry: string): [ref: string, suffix: string | undefined] {
  const i = entry.indexOf(':')
  return i < 0 ? [entry, undefined] : [entry.slice(0, i), entry.slice(i + 1)]
}

/**
 * The full id of a container the create references, when `user` owns it. Otherwise the create is
 * refused as dockerd refuses a reference to a missing container: 400 `No such container: <ref>` (a
 * 404 would make the docker CLI try to pull the image).
 */
async function ownedContainerId(
  ref: string,
  user: string,
  lookup: UpstreamLookup,
  prefix = '',
): Promise<string> {
  const c = await lookupContainer(ref, lookup)
  if (!c || !owns(c.labels, user)) throw new Refusal(400, `${prefix}No such container: ${ref}`)
  return c.id
}

/**
 * For a caller who sees only their own objects: checks every object a container spec reaches —
 * containers whose namespaces it joins, whose volumes it takes (`--volumes-from`) or that it links
 * to (another user's: refused as dockerd refuses a missing one), named volumes it mounts and
 * networks it joins (another user's, or one that does not exist yet). Joined, volumes-from and linked containers are
 * rewritten in `spec` to their full ids and returned as mutations for the forwarded body, so a
 * rename after the check cannot retarget the create.
 *
 * @example const mutations = await scopeContainerSpec(spec, 'alice', lookup)
 */
export async function scopeContainerSpec(
  spec: ContainerSpec,
  user: string,
  lookup: UpstreamLookup,
): Promise<Mutation[]> {
  const mutations: Mutation[] = []
  for (const key of JOINABLE) {
    const ref = joinedContainer(spec.namespaces[key])
    if (ref === undefined) continue
    const value = `container:${await ownedContainerId(ref, user, lookup)}`
    spec.namespaces[key] = value
    mutations.push({ path: ['namespaces', key], value, reason })
  }
  if (spec.volumesFrom.length) {
    spec.volumesFrom = await Promise.all(
      spec.volumesFrom.map(async (entry) => {
        const [ref, mode] = splitRef(entry)
        const id = await ownedContainerId(ref, user, lookup)
        return mode === undefined ? id : `${id}:${mode}`
      }),
    )
    mutations.push({ path: ['volumesFrom'], value: [...spec.volumesFrom], reason })
  }
  if (spec.links.length) {
    spec.links = await Promise.all(
      spec.links.map(async (entry) => {
        const [ref, alias] = splitRef(entry)
        const name = ref.replace(/^\//, '')
        const id = await ownedContainerId(name, user, lookup, `could not get container for ${name}: `)
        return `${id}:${alias ?? ref.replace(/^\//, '')}`
      }),
    )
    mutations.push({ path: ['links'], value: [...spec.links], reason })
  }
  for (const m of spec.mounts) {
    if (m.type !== 'volume' || m.source === '') continue
    const vol = await lookupVolume(m.source, lookup)
    if (!vol || !owns(vol.labels, user)) {
      throw new Refusal(
        403,
        `airlock: denied: volume "${m.source}" is not one of yours; create it first (docker volume create ${m.source}) so it is labelled as yours`,
      )
    }
  }
  const networks = new Set(spec.networks)
  if (namespaceKind(spec.namespaces.network) === 'other') networks.add(spec.namespaces.network)
  for (const name of networks) {
    if (SHARED_NETWORKS.has(name)) continue
    const net = await lookupNetwork(name, lookup)
    if (!net || !(owns(net.labels, user) || SHARED_NETWORKS.has(net.name))) {
      throw new Refusal(400, `network ${name} not found`)
    }
  }
  return mutations
}
