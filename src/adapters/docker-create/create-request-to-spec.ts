import { type GoStruct, mapKeys, str, strList, strMap, struct } from '../../engine-api/go-value.js'
import { completeSpec } from '../../model/complete-spec.js'
import type { ContainerSpec } from '../../model/container-spec.js'
import { applyHostConfig } from './host-config-to-spec.js'

export interface CreateContext {
  /** `name` query parameter. */
  name?: string
  /** The image's USER, when the enforcement point looked it up. */
  imageUser?: string
}

/**
 * Turns a decoded container create body (the modern CreateRequest shape: Config fields at the top,
 * `HostConfig`, `NetworkingConfig`) into the normalized ContainerSpec.
 *
 * @example createRequestToSpec(decoded, { name: 'web' }).image // 'nginx:1.27'
 */
export function createRequestToSpec(body: GoStruct, ctx: CreateContext = {}): ContainerSpec {
  const spec = completeSpec({})
  const hc = struct(body['HostConfig'])
  if (hc) applyHostConfig(spec, hc)
  if (ctx.name !== undefined && ctx.name !== '') spec.name = ctx.name
  spec.image = str(body['Image'])
  spec.user = str(body['User'])
  if (ctx.imageUser !== undefined) spec.imageUser = ctx.imageUser
  spec.command = strList(body['Cmd'])
  spec.entrypoint = strList(body['Entrypoint'])
  spec.env = strList(body['Env'])
  spec.labels = strMap(body['Labels'])
  spec.workingDir = str(body['WorkingDir'])
  spec.exposedPorts = mapKeys(body['ExposedPorts'])
  const health = struct(body['Healthcheck'])
  if (health) {
    const test = strList(health['Test'])
    spec.healthcheck = { test, disabled: test[0] === 'NONE' }
  }
  spec.networks = mapKeys(struct(body['NetworkingConfig'])?.['EndpointsConfig'])
  // Anonymous volumes declared in Config.Volumes are created with HostConfig.VolumeDriver.
  const driver = str(hc?.['VolumeDriver'])
  for (const target of mapKeys(body['Volumes'])) {
    spec.mounts.push({
      type: 'volume',
      source: '',
      target,
      readOnly: false,
      ...(driver !== '' && { volumeDriver: driver }),
      origin: ['Volumes', target],
    })
  }
  if (body['NetworkDisabled'] === true) spec.namespaces.network = 'none'
  return spec
}

const SPEC_TO_WIRE: Record<string, string> = {
  privileged: 'HostConfig.Privileged',
  capAdd: 'HostConfig.CapAdd',
  capDrop: 'HostConfig.CapDrop',
  user: 'User',
  image: 'Image',
  groupAdd: 'HostConfig.GroupAdd',
  readOnlyRootfs: 'HostConfig.ReadonlyRootfs',
  maskedPaths: 'HostConfig.MaskedPaths',
  readonlyPaths: 'HostConfig.ReadonlyPaths',
  volumesFrom: 'HostConfig.VolumesFrom',
  deviceCgroupRules: 'HostConfig.DeviceCgroupRules',
  deviceRequests: 'HostConfig.DeviceRequests',
  publishAllPorts: 'HostConfig.PublishAllPorts',
  sysctls: 'HostConfig.Sysctls',
  runtime: 'HostConfig.Runtime',
  cgroupParent: 'HostConfig.CgroupParent',
  logConfig: 'HostConfig.LogConfig',
  restartPolicy: 'HostConfig.RestartPolicy',
  'namespaces.network': 'HostConfig.NetworkMode',
  'namespaces.pid': 'HostConfig.PidMode',
  'namespaces.ipc': 'HostConfig.IpcMode',
  'namespaces.uts': 'HostConfig.UTSMode',
  'namespaces.user': 'HostConfig.UsernsMode',
  'namespaces.cgroup': 'HostConfig.CgroupnsMode',
  'namespaces.cgroupSpec': 'HostConfig.Cgroup',
  security: 'HostConfig.SecurityOpt',
  'resources.memory': 'HostConfig.Memory',
  'resources.pidsLimit': 'HostConfig.PidsLimit',
  'resources.oomKillDisable': 'HostConfig.OomKillDisable',
  'resources.nanoCpus': 'HostConfig.NanoCpus',
  healthcheck: 'Healthcheck',
}

function wirePath(origin: (string | number)[]): string {
  return origin.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')
}

/**
 * Names a spec path in the create body's terms: `['spec','mounts',1,'source']` is
 * `HostConfig.Binds[0]` when that mount came from the first bind.
 */
export function describeCreatePath(spec: ContainerSpec, path: (string | number)[]): string | undefined {
  const p = path[0] === 'spec' || path[0] === 'hostConfig' ? path.slice(1) : path
  const [head, second] = p
  const indexed: Record<string, { origin?: (string | number)[] | undefined }[]> = {
    mounts: spec.mounts,
    devices: spec.devices,
    ports: spec.ports,
  }
  if (typeof head === 'string' && indexed[head] && typeof second === 'number') {
    const origin = indexed[head]?.[second]?.origin
    return origin ? wirePath(origin) : undefined
  }
  for (let n = Math.min(p.length, 2); n > 0; n--) {
    const key = p.slice(0, n).join('.')
    const wire = SPEC_TO_WIRE[key]
    if (wire) return typeof p[n] === 'number' ? `${wire}[${p[n]}]` : wire
  }
  return undefined
}
