import { encodeGoPath } from '../../engine-api/classify.js'
import type { ContainerSpec } from '../../model/container-spec.js'
import { field, type UpstreamLookup } from './upstream-lookup.js'

/**
 * Resolve step (e): sets `spec.imageUser` to the image's configured USER when the image exists on the
 * daemon, so rules know who the container runs as when the request does not say. Failures leave it
 * unset.
 *
 * @example await resolveImageUser(spec, lookup) // spec.imageUser === 'node'
 */
export async function resolveImageUser(spec: ContainerSpec, lookup: UpstreamLookup): Promise<void> {
  if (spec.image === '' || spec.imageUser !== undefined) return
  const res = await lookup.get(`/images/${encodeGoPath(spec.image)}/json`).catch(() => undefined)
  if (res?.status !== 200) return
  const user = field(field(res.json, 'Config'), 'User')
  if (typeof user === 'string') spec.imageUser = user
}
