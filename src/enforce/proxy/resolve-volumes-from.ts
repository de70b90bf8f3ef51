import { encodeGoPath } from '../../engine-api/classify.js'
import { errorMessage } from '../../errors.js'
import type { ContainerSpec, Mount } from '../../model/container-spec.js'
import { Refusal } from './refusal.js'
import { field, stringField, type UpstreamLookup } from './upstream-lookup.js'

function cannotSee(entry: string, i: number, why: string): Refusal {
  return new Refusal(
    403,
    `airlock: denied: HostConfig.VolumesFrom[${i}] takes the mounts of container "${entry}", which Airlock cannot inspect (${why}); Airlock fails closed when it cannot see what a container mounts`,
  )
}

/** One entry of an inspected container's `Mounts`, as a Mount of the new container. */
function inheritedMount(m: unknown, readOnly: boolean | undefined, i: number): Mount | undefined {
  const type = stringField(m, 'Type')
  if (type !== 'bind' && type !== 'volume') return undefined
  const driver = stringField(m, 'Driver')
  return {
    type,
    source: type === 'bind' ? stringField(m, 'Source') : stringField(m, 'Name'),
    target: stringField(m, 'Destination'),
    readOnly: readOnly ?? field(m, 'RW') === false,
    ...(stringField(m, 'Propagation') !== '' && { propagation: stringField(m, 'Propagation') }),
    ...(type === 'volume' && driver !== '' && { volumeDriver: driver }),
    origin: ['HostConfig', 'VolumesFrom', i],
  }
}

/**
 * Resolve step (c): inspects each `--volumes-from` container and appends its mounts (binds as binds,
 * with their host source) to `spec.mounts`, so the mount rules see what the new container will get.
 * A source container that cannot be inspected denies (403).
 *
 * @example await resolveVolumesFrom(spec, lookup) // spec.mounts gains { type: 'bind', source: '/var/run/docker.sock', ... }
 */
export async function resolveVolumesFrom(spec: ContainerSpec, lookup: UpstreamLookup): Promise<void> {
  const inherited = await Promise.all(
    spec.volumesFrom.map(async (entry, i) => {
      const colon = entry.indexOf(':')
      const ref = colon < 0 ? entry : entry.slice(0, colon)
      const mode = colon < 0 ? '' : entry.slice(colon + 1)
      let res: Awaited<ReturnType<UpstreamLookup['get']>>
      try {
        res = await lookup.get(`/containers/${encodeGoPath(ref)}/json`)
      } catch (err) {
        throw cannotSee(ref, i, errorMessage(err))
      }
      if (res.status !== 200) {
        throw cannotSee(ref, i, `the daemon answered ${res.status}: ${stringField(res.json, 'message')}`)
      }
      const mounts = field(res.json, 'Mounts')
      const readOnly = mode.split(',').includes('ro') ? true : undefined
      return (Array.isArray(mounts) ? mounts : []).flatMap((m) => inheritedMount(m, readOnly, i) ?? [])
    }),
  )
  for (const list of inherited) spec.mounts.push(...list)
}
