import { posix } from 'node:path'
import type { Mount } from '../../model/container-spec.js'
import { asBool, asList, asString, ComposeValueError, child } from '../compose/compose-values.js'
import type { YMap } from '../compose/yaml-tree.js'
import { guard, mark, type PodContext } from './pod-context.js'

/** How CRI runtimes mount each Kubernetes mountPropagation. */
const PROPAGATION: Record<string, string> = {
  None: 'rprivate',
  HostToContainer: 'rslave',
  Bidirectional: 'rshared',
}
/** Volume sources the kubelet always mounts read-only. */
const READ_ONLY_SOURCES = ['configMap', 'secret', 'downwardAPI', 'projected', 'serviceAccountToken']

function volumesByName(ctx: PodContext): Map<string, YMap> {
  const out = new Map<string, YMap>()
  const list = child(ctx.pod.spec, 'volumes')
  for (const v of list ? asList(list) : []) {
    const name = child(v, 'name')
    if (v.kind === 'map' && name) out.set(asString(name), v)
  }
  return out
}

function fromVolume(ctx: PodContext, volume: YMap, name: string, index: number): Partial<Mount> {
  const hostPath = child(volume, 'hostPath')
  if (hostPath) {
    const path = child(hostPath, 'path')
    if (!path) throw new ComposeValueError('hostPath needs a path', hostPath)
    mark(ctx, ['mounts', index, 'source'], path)
    return { type: 'bind', source: asString(path) }
  }
  const emptyDir = child(volume, 'emptyDir')
  if (emptyDir) {
    const medium = child(emptyDir, 'medium')
    return medium && asString(medium) === 'Memory'
      ? { type: 'tmpfs', source: '' }
      : { type: 'volume', source: name }
  }
  const nfs = child(volume, 'nfs')
  if (nfs) {
    const server = child(nfs, 'server')
    const path = child(nfs, 'path')
    const ro = child(nfs, 'readOnly')
    mark(ctx, ['mounts', index, 'volumeOptions'], nfs)
    return {
      type: 'volume',
      source: name,
      volumeOptions: {
        type: 'nfs',
        o: `addr=${server ? asString(server) : ''}`,
        device: `:${path ? asString(path) : '/'}`,
      },
      ...(ro && asBool(ro) && { readOnly: true }),
    }
  }
  const image = child(volume, 'image')
  if (image) {
    const ref = child(image, 'reference')
    return { type: 'image', source: ref ? asString(ref) : '' }
  }
  const alwaysReadOnly = READ_ONLY_SOURCES.some((k) => volume.entries.has(k))
  return { type: 'volume', source: name, ...(alwaysReadOnly && { readOnly: true }) }
}

/**
 * The mounts of a pod's container: each volumeMount joined with the pod volume it names. hostPath
 * volumes are bind mounts of the host path (`subPath` appended), emptyDir with medium Memory is a
 * tmpfs, NFS volumes are remote mounts made by the node (local-driver `nfs` options, so the remote
 * volume rules see them), image volumes are image mounts, everything else (PVCs, emptyDir, secrets,
 * ...) a named volume; readOnly and mountPropagation come from the volumeMount.
 *
 * @example podVolumes(ctx) // ctx.spec.mounts = [{ type: 'bind', source: '/var/run/docker.sock', ... }]
 */
export function podVolumes(ctx: PodContext): void {
  const volumes = volumesByName(ctx)
  const mounts: Mount[] = []
  const list = child(ctx.container, 'volumeMounts')
  for (const [i, vm] of (list ? asList(list) : []).entries()) {
    guard(ctx, vm, () => {
      const get = (k: string) => child(vm, k)
      const nameNode = get('name')
      const pathNode = get('mountPath')
      if (!nameNode || !pathNode)
        throw new ComposeValueError('a volumeMount needs a name and a mountPath', vm)
      const name = asString(nameNode)
      const volume = volumes.get(name)
      if (!volume)
        throw new ComposeValueError(
          `volumeMount refers to volume "${name}", which the pod does not define`,
          nameNode,
        )
      const index = mounts.length
      const from = fromVolume(ctx, volume, name, index)
      const ro = get('readOnly')
      const sub = get('subPath') ?? get('subPathExpr')
      const propagation = get('mountPropagation')
      const mount: Mount = {
        type: from.type ?? 'volume',
        source: from.source ?? '',
        target: asString(pathNode),
        readOnly: (ro !== undefined && asBool(ro, 'readOnly')) || from.readOnly === true,
        ...(from.volumeOptions && { volumeOptions: from.volumeOptions }),
        origin: ['volumeMounts', i],
      }
      if (sub && mount.type === 'bind') mount.source = posix.join(mount.source, asString(sub))
      if (propagation) {
        const p = PROPAGATION[asString(propagation)]
        if (p) mount.propagation = p
        mark(ctx, ['mounts', index, 'propagation'], propagation)
      }
      if (ro) mark(ctx, ['mounts', index, 'readOnly'], ro)
      mark(ctx, ['mounts', index], vm)
      mounts.push(mount)
    })
  }
  ctx.spec.mounts = mounts
}
