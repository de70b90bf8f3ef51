import { posix } from 'node:path'
import type { Mount } from '../../model/container-spec.js'
import { asBool, asList, asMap, asString, ComposeValueError, child } from './compose-values.js'
import { parseComposeVolume } from './parse-compose-volume.js'
import { field, guard, mark, type ServiceContext } from './service-context.js'
import type { YNode } from './yaml-tree.js'

const TYPES = new Set(['bind', 'volume', 'tmpfs', 'npipe', 'cluster', 'image'])

function hostPath(ctx: ServiceContext, source: string, file: string): string {
  if (source === '~' || source.startsWith('~/')) return posix.join(ctx.homeDir, source.slice(1))
  if (source.startsWith('/')) return source
  return posix.join(ctx.baseDir(file), source)
}

/** A named volume as the project defines it: its real name, driver and driver options. */
function namedVolume(ctx: ServiceContext, key: string, at: YNode, index: number): Partial<Mount> {
  const defs = ctx.root.entries.get('volumes')
  const def = defs?.kind === 'map' ? defs.entries.get(key) : undefined
  if (def === undefined) {
    ctx.errors.push({
      message: `service "${ctx.name}" refers to undefined volume ${key}: invalid compose project`,
      location: at.loc,
    })
    return { source: key }
  }
  if (def.kind !== 'map') return { source: `${ctx.project}_${key}` }
  const name = child(def, 'name')
  const external = child(def, 'external')
  const externalName = child(external, 'name')
  const isExternal = external !== undefined && (external.kind === 'map' || asBool(external))
  const source = name
    ? asString(name)
    : externalName
      ? asString(externalName)
      : isExternal
        ? key
        : `${ctx.project}_${key}`
  const out: Partial<Mount> = { source }
  const driver = child(def, 'driver')
  if (driver) {
    out.volumeDriver = asString(driver)
    mark(ctx, ['mounts', index, 'volumeDriver'], driver)
  }
  const opts = child(def, 'driver_opts')
  if (opts) {
    out.volumeOptions = {}
    for (const [k, v] of asMap(opts, 'driver_opts').entries) {
      out.volumeOptions[k] = asString(v, k)
      mark(ctx, ['mounts', index, 'volumeOptions', k], v)
    }
  }
  return out
}

function checkTarget(target: string, n: YNode): void {
  if (!target.startsWith('/') && !/^[A-Za-z]:/.test(target)) {
    throw new ComposeValueError(`volume target "${target}" is not an absolute path`, n)
  }
}

function shortVolume(ctx: ServiceContext, n: YNode, index: number, driver: string): Mount {
  const v = parseComposeVolume(asString(n))
  checkTarget(v.target, n)
  const base: Mount = { type: v.type, source: '', target: v.target, readOnly: v.readOnly }
  if (v.propagation) base.propagation = v.propagation
  if (v.type === 'bind') return { ...base, source: hostPath(ctx, v.source, n.loc.file) }
  if (v.source === '') return { ...base, ...(driver && { volumeDriver: driver }) }
  return { ...base, ...(driver && { volumeDriver: driver }), ...namedVolume(ctx, v.source, n, index) }
}

function longVolume(ctx: ServiceContext, n: YNode, index: number, driver: string): Mount {
  const m = asMap(n, 'volume')
  const get = (k: string) => m.entries.get(k)
  const typeNode = get('type')
  const type = typeNode ? asString(typeNode) : 'volume'
  if (!TYPES.has(type)) throw new ComposeValueError(`invalid mount type "${type}"`, typeNode ?? n)
  const targetNode = get('target')
  if (!targetNode) throw new ComposeValueError('a volume needs a target', n)
  const sourceNode = get('source')
  const source = sourceNode ? asString(sourceNode) : ''
  const ro = get('read_only')
  const out: Mount = {
    type: type as Mount['type'],
    source,
    target: asString(targetNode),
    readOnly: ro ? asBool(ro) : false,
  }
  checkTarget(out.target, targetNode)
  if (sourceNode) mark(ctx, ['mounts', index, 'source'], sourceNode)
  if (ro) mark(ctx, ['mounts', index, 'readOnly'], ro)
  const propagation = child(get('bind'), 'propagation')
  if (propagation) {
    out.propagation = asString(propagation)
    mark(ctx, ['mounts', index, 'propagation'], propagation)
  }
  if (type === 'bind') {
    if (source === '') throw new ComposeValueError('a bind mount needs a source', n)
    out.source = hostPath(ctx, source, sourceNode?.loc.file ?? n.loc.file)
  }
  if (type === 'volume' && source !== '')
    return {
      ...out,
      ...(driver && { volumeDriver: driver }),
      ...namedVolume(ctx, source, sourceNode ?? n, index),
    }
  if (type === 'volume' && driver) out.volumeDriver = driver
  return out
}

/**
 * compose's buildContainerSecretMounts / buildContainerConfigMounts: a file-based secret or config is
 * bind-mounted read-only from its host file (`/run/secrets/<name>` and `/<name>` by default).
 */
function fileMounts(ctx: ServiceContext, key: 'secrets' | 'configs', mounts: Mount[]): void {
  const baseDir = key === 'secrets' ? '/run/secrets/' : '/'
  field(ctx, key, (list) => {
    asList(list).forEach((n, i) => {
      guard(ctx, n, () => {
        const sourceNode = n.kind === 'map' ? child(n, 'source') : n
        if (!sourceNode) throw new ComposeValueError(`a ${key.slice(0, -1)} needs a source`, n)
        const name = asString(sourceNode)
        const targetNode = child(n, 'target')
        const t = targetNode ? asString(targetNode) : name
        const target = t.startsWith('/') ? t : `${baseDir}${t}`
        const file = child(child(ctx.root.entries.get(key), name), 'file')
        if (!file) return
        mark(ctx, ['mounts', mounts.length], n)
        mark(ctx, ['mounts', mounts.length, 'source'], file)
        const source = hostPath(ctx, asString(file), file.loc.file)
        mounts.push({ type: 'bind', source, target, readOnly: true, origin: ['services', ctx.name, key, i] })
      })
    })
  })
}

function volumesFrom(value: string): string {
  if (value.startsWith('service:')) return value.slice('service:'.length)
  if (value.startsWith('container:')) return value.slice('container:'.length)
  return value
}

/**
 * The mounts of a compose service: `volumes` (short and long syntax, relative and `~` host paths
 * resolved against the project directory, named volumes with the driver and driver options of their
 * top-level definition), file-based `secrets` and `configs` (read-only binds of their host file),
 * `tmpfs`, `use_api_socket` (which binds the Docker socket) and `volumes_from`
 * (`service:x` and `container:x` both name the container whose volumes are taken).
 *
 * @example serviceMounts(ctx) // ctx.spec.mounts = [{ type: 'bind', source: '/srv/app/data', target: '/data', ... }]
 */
export function serviceMounts(ctx: ServiceContext): void {
  const mounts: Mount[] = []
  const driverNode = ctx.service.entries.get('volume_driver')
  const driver = driverNode ? asString(driverNode) : ''
  field(ctx, 'volumes', (vols) => {
    asList(vols).forEach((n, i) => {
      guard(ctx, n, () => {
        const index = mounts.length
        const m = n.kind === 'map' ? longVolume(ctx, n, index, driver) : shortVolume(ctx, n, index, driver)
        mounts.push({ ...m, origin: ['services', ctx.name, 'volumes', i] })
        mark(ctx, ['mounts', index], n)
      })
    })
  })
  field(ctx, 'use_api_socket', (n) => {
    if (!asBool(n)) return
    const sock = '/var/run/docker.sock'
    mark(ctx, ['mounts', mounts.length], n)
    mounts.push({
      type: 'bind',
      source: sock,
      target: sock,
      readOnly: false,
      origin: ['services', ctx.name, 'use_api_socket'],
    })
  })
  fileMounts(ctx, 'secrets', mounts)
  fileMounts(ctx, 'configs', mounts)
  const tmpfs: { mount: Mount; node: YNode }[] = []
  field(ctx, 'tmpfs', (t) => {
    asList(t).forEach((n, i) => {
      const target = asString(n).split(':')[0] as string
      tmpfs.push({
        mount: {
          type: 'tmpfs',
          source: '',
          target,
          readOnly: false,
          origin: ['services', ctx.name, 'tmpfs', i],
        },
        node: n,
      })
    })
  })
  tmpfs.sort((a, b) => (a.mount.target < b.mount.target ? -1 : a.mount.target > b.mount.target ? 1 : 0))
  for (const t of tmpfs) {
    mark(ctx, ['mounts', mounts.length], t.node)
    mounts.push(t.mount)
  }
  ctx.spec.mounts = mounts
  field(ctx, 'volumes_from', (n) => {
    ctx.spec.volumesFrom = asList(n).map((item, i) => {
      mark(ctx, ['volumesFrom', i], item)
      return volumesFrom(asString(item))
    })
  })
}
