import {
  array,
  bool,
  embed,
  field,
  int,
  int64,
  map,
  ptr,
  slice,
  string,
  strslice,
  struct,
  uint,
} from '../go-json/dsl.js'
import { Mount } from './mount.js'
import { IPAddr, Port } from './port.js'
import { Resources } from './resources.js'

/** `container.RestartPolicy`. */
export const RestartPolicy = struct('container.RestartPolicy', [
  field('Name', string),
  field('MaximumRetryCount', int),
])

/** `container.LogConfig`. */
export const LogConfig = struct('container.LogConfig', [field('Type', string), field('Config', map(string))])

/** `nat.PortBinding` / `network.PortBinding`. */
export const PortBinding = struct('network.PortBinding', [field('HostIp', IPAddr), field('HostPort', string)])

/** `nat.PortMap` / `network.PortMap`: `map[Port][]PortBinding`. */
export const PortMap = map(slice(PortBinding), Port)

/**
 * `container.HostConfig`, union of dockerd 20.10 … current, in current declaration order.
 * `CapAdd`/`CapDrop` are `strslice.StrSlice` as up to dockerd 28; `Dns` is `[]netip.Addr` in
 * current dockerd and accepted as any strings.
 */
export const HostConfig = struct('container.HostConfig', [
  field('Binds', slice(string)),
  field('ContainerIDFile', string),
  field('LogConfig', LogConfig),
  field('NetworkMode', string),
  field('PortBindings', PortMap),
  field('RestartPolicy', RestartPolicy),
  field('AutoRemove', bool),
  field('VolumeDriver', string),
  field('VolumesFrom', slice(string)),
  field('ConsoleSize', array(uint, 2)),
  field('Annotations', map(string)),
  field('CapAdd', strslice),
  field('CapDrop', strslice),
  field('CgroupnsMode', string),
  field('Dns', slice(IPAddr)),
  field('DnsOptions', slice(string)),
  field('DnsSearch', slice(string)),
  field('ExtraHosts', slice(string)),
  field('GroupAdd', slice(string)),
  field('IpcMode', string),
  field('Cgroup', string),
  field('Links', slice(string)),
  field('OomScoreAdj', int),
  field('PidMode', string),
  field('Privileged', bool),
  field('PublishAllPorts', bool),
  field('ReadonlyRootfs', bool),
  field('SecurityOpt', slice(string)),
  field('StorageOpt', map(string)),
  field('Tmpfs', map(string)),
  field('UTSMode', string),
  field('UsernsMode', string),
  field('ShmSize', int64),
  field('Sysctls', map(string)),
  field('Runtime', string),
  field('Isolation', string),
  embed(Resources),
  field('Mounts', slice(Mount)),
  field('MaskedPaths', slice(string)),
  field('ReadonlyPaths', slice(string)),
  field('Init', ptr(bool)),
])

/** The body of `POST /containers/{id}/update`: `container.UpdateConfig`. */
export const UpdateConfig = struct('container.UpdateConfig', [
  embed(Resources),
  field('RestartPolicy', RestartPolicy),
])
