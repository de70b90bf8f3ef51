import { encodeGoPath } from '../../engine-api/classify.js'
import type { ContainerSpec } from '../../model/container-spec.js'
import { field, stringField, type UpstreamLookup } from './upstream-lookup.js'

function stringMap(v: unknown): Record<string, string> | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined
  const out: Record<string, string> = {}
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val
  return Object.keys(out).length ? out : undefined
}

/**
 * Resolve step (d): for each named volume mount that carries no driver options, looks the volume up;
 * when it exists with the `local` driver and options, copies them to `mount.volumeOptions` (a volume
 * pre-created with `o=bind,device=/etc` is a bind of /etc), and records a non-local driver in
 * `mount.volumeDriver`. Lookup failures leave the mount as it is.
 *
 * @example await resolveNamedVolumes(spec, lookup) // mount.volumeOptions: { type: 'none', o: 'bind', device: '/etc' }
 */
export async function resolveNamedVolumes(spec: ContainerSpec, lookup: UpstreamLookup): Promise<void> {
  await Promise.all(
    spec.mounts.map(async (m) => {
      if (m.type !== 'volume' || m.source === '' || m.volumeOptions !== undefined) return
      const res = await lookup.get(`/volumes/${encodeGoPath(m.source)}`).catch(() => undefined)
      if (res?.status !== 200) return
      const driver = stringField(res.json, 'Driver')
      const options = stringMap(field(res.json, 'Options'))
      if (driver === 'local' && options) m.volumeOptions = options
      if (driver !== '' && driver !== 'local' && m.volumeDriver === undefined) m.volumeDriver = driver
    }),
  )
}
