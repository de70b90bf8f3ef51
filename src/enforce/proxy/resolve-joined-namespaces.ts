import { encodeGoPath } from '../../engine-api/classify.js'
import { errorMessage } from '../../errors.js'
import type { ContainerSpec, Namespaces } from '../../model/container-spec.js'
import { joinedContainer } from '../../model/namespace-kind.js'
import { Refusal } from './refusal.js'
import { field, stringField, type UpstreamLookup } from './upstream-lookup.js'

type HostNamespace = Namespaces['joinedHost'][number]

interface Joinable {
  key: 'network' | 'pid' | 'ipc' | 'uts' | 'cgroupSpec'
  ns: HostNamespace
  /** The HostConfig field with this mode on the wire (and in the joined container's inspect). */
  wire: string
  /** The joined container's field that says it uses the host's namespace. */
  hostField: string
}

const JOINABLE: readonly Joinable[] = [
  { key: 'network', ns: 'network', wire: 'NetworkMode', hostField: 'NetworkMode' },
  { key: 'pid', ns: 'pid', wire: 'PidMode', hostField: 'PidMode' },
  { key: 'ipc', ns: 'ipc', wire: 'IpcMode', hostField: 'IpcMode' },
  { key: 'uts', ns: 'uts', wire: 'UTSMode', hostField: 'UTSMode' },
  { key: 'cgroupSpec', ns: 'cgroup', wire: 'Cgroup', hostField: 'CgroupnsMode' },
]

/** How many `container:` hops Airlock follows before it gives up (and denies). */
const MAX_HOPS = 4

function cannotSee(j: Joinable, ref: string, why: string): Refusal {
  return new Refusal(
    403,
    `airlock: denied: HostConfig.${j.wire} joins container "${ref}", which Airlock cannot inspect (${why}); Airlock fails closed when it cannot see what a container joins`,
  )
}

async function joinsHost(j: Joinable, first: string, lookup: UpstreamLookup): Promise<boolean> {
  let ref = first
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    let res: Awaited<ReturnType<UpstreamLookup['get']>>
    try {
      res = await lookup.get(`/containers/${encodeGoPath(ref)}/json`)
    } catch (err) {
      throw cannotSee(j, ref, errorMessage(err))
    }
    if (res.status !== 200)
      throw cannotSee(j, ref, `the daemon answered ${res.status}: ${stringField(res.json, 'message')}`)
    const hc = field(res.json, 'HostConfig')
    if (stringField(hc, j.hostField) === 'host') return true
    if (j.ns === 'pid' && field(hc, 'Privileged') === true) return true
    const next = joinedContainer(stringField(hc, j.wire))
    if (next === undefined) return false
    ref = next
  }
  throw cannotSee(j, first, `it joins through more than ${MAX_HOPS} containers`)
}

/**
 * Resolve step (b): for every namespace given as `container:<ref>`, inspects that container (and
 * the ones it joins in turn) and adds the namespace to `spec.namespaces.joinedHost` when it is the
 * host's. Joining a privileged container's PID namespace counts as the host's. A container that
 * cannot be inspected denies (403).
 *
 * @example await resolveJoinedNamespaces(spec, lookup) // spec.namespaces.joinedHost: ['network']
 */
export async function resolveJoinedNamespaces(spec: ContainerSpec, lookup: UpstreamLookup): Promise<void> {
  const found = await Promise.all(
    JOINABLE.map(async (j) => {
      const ref = joinedContainer(spec.namespaces[j.key])
      return ref !== undefined && (await joinsHost(j, ref, lookup)) ? j.ns : undefined
    }),
  )
  for (const ns of found) {
    if (ns !== undefined && !spec.namespaces.joinedHost.includes(ns)) spec.namespaces.joinedHost.push(ns)
  }
}
