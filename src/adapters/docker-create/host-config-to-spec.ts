import { InputError } from '../../errors.js'
import { type GoStruct, bool, has, list, mapEntries, num, str, strList, strMap, struct } from '../../engine-api/go-value.js'
import { isKnownCapability, normalizeCapability } from '../../model/capabilities.js'
import type { ContainerSpecInput, Device, Mount, PortBinding } from '../../model/container-spec.js'
import { parseBind } from './parse-bind.js'
import { parseSecurityOpts } from './parse-security-opts.js'

function capabilities(v: unknown, field: string): string[] {
  return strList(v).map((raw, i) => {
    const c = normalizeCapability(raw)
    if (!isKnownCapability(c)) throw new InputError(`HostConfig.${field}[${i}]: unknown capability: "${raw}" (dockerd refuses it)`)
    return c
  })
}

function mountsFrom(hc: GoStruct): Mount[] {
  const volumeDriver = str(hc['VolumeDriver'])
  const out: Mount[] = strList(hc['Binds']).map((raw, i) => ({ ...parseBind(raw, volumeDriver), origin: ['HostConfig', 'Binds', i] }))
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

/**
 * The ContainerSpec fields a HostConfig carries, read as dockerd reads them. Used for container
 * create and for the HostConfig body of `start` on API versions before 1.24.
 */
export function hostConfigToSpec(hc: GoStruct): ContainerSpecInput {
  const pids = has(hc, 'PidsLimit') ? num(hc['PidsLimit']) : undefined
  const memory = num(hc['Memory'])
  return {
    privileged: bool(hc['Privileged']),
    capAdd: capabilities(hc['CapAdd'], 'CapAdd'),
    capDrop: capabilities(hc['CapDrop'], 'CapDrop'),
    groupAdd: strList(hc['GroupAdd']),
    namespaces: {
      network: networkMode(hc['NetworkMode']),
      pid: str(hc['PidMode']),
      ipc: str(hc['IpcMode']),
      uts: str(hc['UTSMode']),
      user: str(hc['UsernsMode']),
      cgroup: str(hc['CgroupnsMode']),
      cgroupSpec: str(hc['Cgroup']),
      joinedHost: [],
    },
    security: parseSecurityOpts(strList(hc['SecurityOpt'])),
    readOnlyRootfs: bool(hc['ReadonlyRootfs']),
    ...(has(hc, 'MaskedPaths') && { maskedPaths: strList(hc['MaskedPaths']) }),
    ...(has(hc, 'ReadonlyPaths') && { readonlyPaths: strList(hc['ReadonlyPaths']) }),
    mounts: mountsFrom(hc),
    volumesFrom: strList(hc['VolumesFrom']),
    devices: devicesFrom(hc),
    deviceCgroupRules: strList(hc['DeviceCgroupRules']),
    deviceRequests: list(hc['DeviceRequests']).map((d) => {
      const ds = struct(d) ?? {}
      return {
        driver: str(ds['Driver']),
        count: num(ds['Count']) ?? 0,
        deviceIds: strList(ds['DeviceIDs']),
        capabilities: list(ds['Capabilities']).map(strList),
      }
    }),
    resources: {
      ...(memory ? { memory } : {}),
      ...(num(hc['MemorySwap']) ? { memorySwap: num(hc['MemorySwap']) } : {}),
      ...(num(hc['MemoryReservation']) ? { memoryReservation: num(hc['MemoryReservation']) } : {}),
      ...(num(hc['KernelMemory']) ? { kernelMemory: num(hc['KernelMemory']) } : {}),
      ...(num(hc['NanoCpus']) ? { nanoCpus: num(hc['NanoCpus']) } : {}),
      ...(num(hc['CpuShares']) ? { cpuShares: num(hc['CpuShares']) } : {}),
      ...(num(hc['CpuQuota']) ? { cpuQuota: num(hc['CpuQuota']) } : {}),
      ...(num(hc['CpuPeriod']) ? { cpuPeriod: num(hc['CpuPeriod']) } : {}),
      ...(num(hc['CpuRealtimeRuntime']) ? { cpuRealtimeRuntime: num(hc['CpuRealtimeRuntime']) } : {}),
      ...(str(hc['CpusetCpus']) ? { cpusetCpus: str(hc['CpusetCpus']) } : {}),
      ...(pids !== undefined && { pidsLimit: pids }),
      ...(has(hc, 'OomKillDisable') && { oomKillDisable: bool(hc['OomKillDisable']) }),
      ...(num(hc['OomScoreAdj']) ? { oomScoreAdj: num(hc['OomScoreAdj']) } : {}),
      ...(num(hc['ShmSize']) ? { shmSize: num(hc['ShmSize']) } : {}),
      ...(num(hc['BlkioWeight']) ? { blkioWeight: num(hc['BlkioWeight']) } : {}),
      ulimits: list(hc['Ulimits']).map((u) => {
        const us = struct(u) ?? {}
        return { name: str(us['Name']), soft: num(us['Soft']) ?? 0, hard: num(us['Hard']) ?? 0 }
      }),
    },
    ports: portsFrom(hc),
    publishAllPorts: bool(hc['PublishAllPorts']),
    sysctls: strMap(hc['Sysctls']),
    runtime: str(hc['Runtime']),
    cgroupParent: str(hc['CgroupParent']),
    logConfig: {
      type: str(struct(hc['LogConfig'])?.['Type']),
      config: strMap(struct(hc['LogConfig'])?.['Config']),
    },
    restartPolicy: {
      name: str(struct(hc['RestartPolicy'])?.['Name']),
      maximumRetryCount: num(struct(hc['RestartPolicy'])?.['MaximumRetryCount']) ?? 0,
    },
    links: strList(hc['Links']),
    extraHosts: strList(hc['ExtraHosts']),
    dns: strList(hc['Dns']),
    storageOpt: strMap(hc['StorageOpt']),
    isolation: str(hc['Isolation']),
    ...(has(hc, 'Init') && { init: bool(hc['Init']) }),
    autoRemove: bool(hc['AutoRemove']),
    annotations: strMap(hc['Annotations']),
  }
}
