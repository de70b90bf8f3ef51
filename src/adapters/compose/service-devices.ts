import type { Device, DeviceRequest } from '../../model/container-spec.js'
import { asInt, asList, asString, ComposeValueError, child } from './compose-values.js'
import { field, guard, mark, type ServiceContext } from './service-context.js'
import type { YNode } from './yaml-tree.js'

const CDI_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)+=[A-Za-z0-9][A-Za-z0-9._:-]*$/

function device(n: YNode): Device {
  if (n.kind === 'map') {
    const source = child(n, 'source')
    if (!source) throw new ComposeValueError('a device needs a source', n)
    const target = child(n, 'target')
    const perms = child(n, 'permissions')
    const host = asString(source)
    return {
      pathOnHost: host,
      pathInContainer: target ? asString(target) : host,
      permissions: perms ? asString(perms) : 'rwm',
    }
  }
  const parts = asString(n).split(':')
  if (parts.length > 3)
    throw new ComposeValueError(`confusing device mapping, please use long syntax: ${asString(n)}`, n)
  const host = parts[0] as string
  return { pathOnHost: host, pathInContainer: parts[1] || host, permissions: parts[2] ?? 'rwm' }
}

function count(n: YNode | undefined): number {
  if (!n) return 0
  return n.kind === 'scalar' && String(n.value).toLowerCase() === 'all' ? -1 : asInt(n, 'count')
}

function strings(n: YNode | undefined): string[] {
  return n ? asList(n).map((x) => asString(x)) : []
}

function request(n: YNode, gpu: boolean): DeviceRequest {
  const caps = strings(child(n, 'capabilities'))
  const driver = child(n, 'driver')
  return {
    driver: driver ? asString(driver) : '',
    count: count(child(n, 'count')),
    deviceIds: strings(child(n, 'device_ids')),
    capabilities: [gpu ? [...caps, 'gpu'] : caps],
  }
}

/**
 * The devices of a compose service: `devices` (`/dev/x[:/dev/y[:rwm]]` or long syntax; CDI names
 * become a `cdi` device request), `device_cgroup_rules`, `gpus` and
 * `deploy.resources.reservations.devices`, in the order docker compose sends the requests
 * (reservations, CDI, GPUs).
 *
 * @example serviceDevices(ctx) // ctx.spec.devices = [{ pathOnHost: '/dev/fuse', pathInContainer: '/dev/fuse', permissions: 'rwm' }]
 */
export function serviceDevices(ctx: ServiceContext): void {
  const devices: Device[] = []
  const requests: { request: DeviceRequest; node: YNode }[] = []
  const reservations = child(
    child(child(ctx.service.entries.get('deploy'), 'resources'), 'reservations'),
    'devices',
  )
  if (reservations) {
    for (const n of asList(reservations))
      guard(ctx, n, () => requests.push({ request: request(n, false), node: n }))
  }
  const cdi: YNode[] = []
  field(ctx, 'devices', (list) => {
    asList(list).forEach((n, i) => {
      guard(ctx, n, () => {
        const d = device(n)
        if (d.pathOnHost === d.pathInContainer && CDI_NAME.test(d.pathOnHost)) {
          cdi.push(n)
          return
        }
        mark(ctx, ['devices', devices.length], n)
        devices.push({ ...d, origin: ['services', ctx.name, 'devices', i] })
      })
    })
  })
  const firstCdi = cdi[0]
  if (firstCdi) {
    requests.push({
      request: {
        driver: 'cdi',
        count: 0,
        deviceIds: cdi.map((n) => asString(n).split(':')[0] as string),
        capabilities: [],
      },
      node: firstCdi,
    })
  }
  field(ctx, 'gpus', (g) => {
    if (g.kind === 'scalar' && String(g.value).toLowerCase() === 'all') {
      requests.push({ request: { driver: '', count: -1, deviceIds: [], capabilities: [['gpu']] }, node: g })
      return
    }
    for (const n of asList(g)) guard(ctx, n, () => requests.push({ request: request(n, true), node: n }))
  })
  ctx.spec.devices = devices
  ctx.spec.deviceRequests = requests.map((r, i) => {
    mark(ctx, ['deviceRequests', i], r.node)
    return r.request
  })
  field(ctx, 'device_cgroup_rules', (n) => {
    ctx.spec.deviceCgroupRules = asList(n).map((x, i) => {
      mark(ctx, ['deviceCgroupRules', i], x)
      return asString(x)
    })
  })
}
