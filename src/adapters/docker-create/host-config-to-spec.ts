import {
  bool,
  type GoStruct,
  has,
  list,
  mapEntries,
  num,
  str,
  strList,
  strMap,
  struct,
} from '../../engine-api/go-value.js'
import { InputError } from '../../errors.js'
import { isKnownCapability, normalizeCapability } from '../../model/capabilities.js'
import type { ContainerSpec, Device, Mount, PortBinding, Resources } from '../../model/container-spec.js'
import { parseBind } from './parse-bind.js'
import { parseSecurityOpts } from './parse-security-opts.js'

function capabilities(v: unknown, field: string): string[] {
  return strList(v).map((raw, i) => {
    const c = normalizeCapability(raw)
    if (!isKnownCapability(c))
      throw new InputError(`HostConfig.${field}[${i}]: unknown capability: "${raw}" (dockerd refuses it)`)
    return c
  })
}

function mountsFrom(hc: GoStruct): Mount[] {
  const volumeDriver = str(hc['VolumeDriver'])
  const out: Mount[] = strList(hc['Binds']).map((raw, i) => ({
    ...parseBind(raw, volumeDriver),
    origin: ['HostConfig', 'Binds', i],
  }))
  list(hc['Mounts']).forEach((m, i) => {
    const ms = struct(m) ?? {}
    const type = str(ms['Type'])
    if (!['bind', 'volume', 'tmpfs', 'npipe', 'cluster', 'image'].includes(type)) {
      throw new InputError(`HostConfig.Mounts[${i}].Type: mount type "${type}" is not one dockerd knows`)
    }
    const bind = struct(ms['BindOptions'])
    const vol = struct(ms['VolumeOptions'])
    const driver = struct(vol?.['DriverConfig'])
    const driverName = str(driver?.['Name'])
    const driverOpts = strMap(driver?.['Options'])
    out.push({
      type: type as Mount['type'],
      source: str(ms['Source']),
      target: str(ms['Target']),
      readOnly: bool(ms['ReadOnly']),
      ...(bind && str(bind['Propagation']) !== '' && { propagation: str(bind['Propagation']) }),
      ...(driverName !== '' && { volumeDriver: driverName }),
      ...(Object.keys(driverOpts).length > 0 && { volumeOptions: driverOpts }),
      origin: ['HostConfig', 'Mounts', i],
    })
  })
  for (const [target] of Object.entries(strMap(hc['Tmpfs']))) {
    out.push({ type: 'tmpfs', source: '', target, readOnly: false, origin: ['HostConfig', 'Tmpfs', target] })
  }
  return out
}

function devicesFrom(hc: GoStruct): Device[] {
  return list(hc['Devices']).map((d, i) => {
    const ds = struct(d) ?? {}
    return {
      pathOnHost: str(ds['PathOnHost']),
      pathInContainer: str(ds['PathInContainer']),
      permissions: str(ds['CgroupPermissions']) || 'rwm',
      origin: ['HostConfig', 'Devices', i],
    }
  })
}

function portsFrom(hc: GoStruct): PortBinding[] {
  const out: PortBinding[] = []
  for (const [port, bindings] of mapEntries(hc['PortBindings'])) {
    const containerPort = port.includes('/') ? port : `${port}/tcp`
    list(bindings).forEach((b, i) => {
      const bs = struct(b) ?? {}
      out.push({
        containerPort,
        hostIp: str(bs['HostIp']),
        hostPort: str(bs['HostPort']),
        origin: ['HostConfig', 'PortBindings', port, i],
      })
    })
  }
  return out
}

/** dockerd's SetDefaultNetModeIfBlank: an empty network mode is `default`, which is the bridge. */
function networkMode(v: unknown): string {
  const m = str(v)
  return m === 'default' ? '' : m
}

/** Sets `key` on `target` when the Go value is a non-zero number. */
function setNum<K extends keyof Resources>(target: Resources, key: K, v: unknown): void {
  const n = num(v)
  if (n) (target as Record<string, unknown>)[key] = n
}

/**
 * Writes the fields a HostConfig carries into a complete spec, read as dockerd reads them. Used for
 * container create and for the HostConfig body of `start` on API versions before 1.24.
 */
export function applyHostConfig(spec: ContainerSpec, hc: GoStruct): ContainerSpec {
  spec.privileged = bool(hc['Privileged'])
  spec.capAdd = capabilities(hc['CapAdd'], 'CapAdd')
  spec.capDrop = capabilities(hc['CapDrop'], 'CapDrop')
  spec.groupAdd = strList(hc['GroupAdd'])
  const ns = spec.namespaces
  ns.network = networkMode(hc['NetworkMode'])
  ns.pid = str(hc['PidMode'])
  ns.ipc = str(hc['IpcMode'])
  ns.uts = str(hc['UTSMode'])
  ns.user = str(hc['UsernsMode'])
  ns.cgroup = str(hc['CgroupnsMode'])
  ns.cgroupSpec = str(hc['Cgroup'])
  spec.security = parseSecurityOpts(strList(hc['SecurityOpt']))
  spec.readOnlyRootfs = bool(hc['ReadonlyRootfs'])
  if (has(hc, 'MaskedPaths')) spec.maskedPaths = strList(hc['MaskedPaths'])
  if (has(hc, 'ReadonlyPaths')) spec.readonlyPaths = strList(hc['ReadonlyPaths'])
  spec.mounts = mountsFrom(hc)
  spec.volumesFrom = strList(hc['VolumesFrom'])
  spec.devices = devicesFrom(hc)
  spec.deviceCgroupRules = strList(hc['DeviceCgroupRules'])
  spec.deviceRequests = list(hc['DeviceRequests']).map((d) => {
    const ds = struct(d) ?? {}
    return {
      driver: str(ds['Driver']),
      count: num(ds['Count']) ?? 0,
      deviceIds: strList(ds['DeviceIDs']),
      capabilities: list(ds['Capabilities']).map(strList),
    }
  })
  const r: Resources = { ulimits: [] }
  setNum(r, 'memory', hc['Memory'])
  setNum(r, 'memorySwap', hc['MemorySwap'])
  setNum(r, 'memoryReservation', hc['MemoryReservation'])
  setNum(r, 'kernelMemory', hc['KernelMemory'])
  setNum(r, 'nanoCpus', hc['NanoCpus'])
  setNum(r, 'cpuShares', hc['CpuShares'])
  setNum(r, 'cpuQuota', hc['CpuQuota'])
  setNum(r, 'cpuPeriod', hc['CpuPeriod'])
  setNum(r, 'cpuRealtimeRuntime', hc['CpuRealtimeRuntime'])
  setNum(r, 'oomScoreAdj', hc['OomScoreAdj'])
  setNum(r, 'shmSize', hc['ShmSize'])
  setNum(r, 'blkioWeight', hc['BlkioWeight'])
  if (str(hc['CpusetCpus'])) r.cpusetCpus = str(hc['CpusetCpus'])
  // dockerd's create handler turns a PidsLimit of 0 or less into "not set" (the docker CLI always
  // sends 0), so only a positive value is a limit the caller asked for; unset gets the policy default.
  const pids = num(hc['PidsLimit'])
  if (pids !== undefined && pids > 0) r.pidsLimit = pids
  if (has(hc, 'OomKillDisable')) r.oomKillDisable = bool(hc['OomKillDisable'])
  r.ulimits = list(hc['Ulimits']).map((u) => {
    const us = struct(u) ?? {}
    return { name: str(us['Name']), soft: num(us['Soft']) ?? 0, hard: num(us['Hard']) ?? 0 }
  })
  spec.resources = r
  spec.ports = portsFrom(hc)
  spec.publishAllPorts = bool(hc['PublishAllPorts'])
  spec.sysctls = strMap(hc['Sysctls'])
  spec.runtime = str(hc['Runtime'])
  spec.cgroupParent = str(hc['CgroupParent'])
  const log = struct(hc['LogConfig'])
  spec.logConfig = { type: str(log?.['Type']), config: strMap(log?.['Config']) }
  const rp = struct(hc['RestartPolicy'])
  spec.restartPolicy = { name: str(rp?.['Name']), maximumRetryCount: num(rp?.['MaximumRetryCount']) ?? 0 }
  spec.links = strList(hc['Links'])
  spec.extraHosts = strList(hc['ExtraHosts'])
  spec.dns = strList(hc['Dns'])
  spec.storageOpt = strMap(hc['StorageOpt'])
  spec.isolation = str(hc['Isolation'])
  if (has(hc, 'Init')) spec.init = bool(hc['Init'])
  spec.autoRemove = bool(hc['AutoRemove'])
  spec.annotations = strMap(hc['Annotations'])
  return spec
}
