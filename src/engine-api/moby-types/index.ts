/**
 * Type descriptors for every request body dockerd decodes, as the union of dockerd 20.10.24 …
 * current master: a field that exists in any of those releases is present; where a type changed,
 * the form that accepts what either release accepts is used.
 */
export { Config, ContainerCommitConfig, EmptyStruct, HealthConfig, PortSet } from './config.js'
export {
  CreateRequest,
  LEGACY_TOPLEVEL_HOSTCONFIG_FIELDS,
  LegacyCreateRequest,
  legacyTopLevelKeys,
} from './create-request.js'
export { ExecConfig, ExecStartCheck, ExecStartConfig } from './exec.js'
export { HostConfig, LogConfig, PortBinding, PortMap, RestartPolicy, UpdateConfig } from './host-config.js'
export {
  BindOptions,
  ClusterOptions,
  ImageOptions,
  Mount,
  MountDriver,
  TmpfsOptions,
  VolumeOptions,
} from './mount.js'
export {
  EndpointIPAMConfig,
  EndpointSettings,
  IPAM,
  IPAMConfig,
  NetworkConfigReference,
  NetworkConnectRequest,
  NetworkCreateRequest,
  NetworkDisconnectRequest,
  NetworkingConfig,
} from './network.js'
export { PluginPrivilege, PluginPrivileges, PluginSetArgs } from './plugin.js'
export { canonicalPort, HardwareAddr, IPAddr, IPPrefix, Port } from './port.js'
export { DeviceMapping, DeviceRequest, Resources, ThrottleDevice, Ulimit, WeightDevice } from './resources.js'
export { Annotations, ConfigSpec, NodeSpec, SecretSpec, SwarmDriver } from './swarm-common.js'
export { ContainerSpec, Privileges } from './swarm-container.js'
export { RuntimeSpec, ServiceSpec, TaskSpec } from './swarm-service.js'
export { ClusterVolumeSpec, VolumeCreateOptions } from './volume.js'
