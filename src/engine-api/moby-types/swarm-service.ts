import {
  bool,
  duration,
  embed,
  field,
  float32,
  int64,
  map,
  ptr,
  slice,
  string,
  struct,
  uint32,
  uint64,
} from '../go-json/dsl.js'
import { Annotations, SwarmDriver } from './swarm-common.js'
import { ContainerSpec } from './swarm-container.js'

const RuntimePrivilege = struct('swarm.RuntimePrivilege', [
  field('name', string),
  field('description', string),
  field('value', slice(string)),
])

/** `runtime.PluginSpec` (a protobuf message up to dockerd 28, `swarm.RuntimeSpec` now). */
export const RuntimeSpec = struct('swarm.RuntimeSpec', [
  field('name', string),
  field('remote', string),
  field('privileges', slice(ptr(RuntimePrivilege))),
  field('disabled', bool),
  field('env', slice(string)),
])

const Limit = struct('swarm.Limit', [
  field('NanoCPUs', int64),
  field('MemoryBytes', int64),
  field('Pids', int64),
])

const GenericResource = struct('swarm.GenericResource', [
  field(
    'NamedResourceSpec',
    ptr(struct('swarm.NamedGenericResource', [field('Kind', string), field('Value', string)])),
  ),
  field(
    'DiscreteResourceSpec',
    ptr(struct('swarm.DiscreteGenericResource', [field('Kind', string), field('Value', int64)])),
  ),
])

const SwarmResources = struct('swarm.Resources', [
  field('NanoCPUs', int64),
  field('MemoryBytes', int64),
  field('GenericResources', slice(GenericResource)),
])

const ResourceRequirements = struct('swarm.ResourceRequirements', [
  field('Limits', ptr(Limit)),
  field('Reservations', ptr(SwarmResources)),
  field('SwapBytes', ptr(int64)),
  field('MemorySwappiness', ptr(int64)),
])

const SwarmRestartPolicy = struct('swarm.RestartPolicy', [
  field('Condition', string),
  field('Delay', ptr(duration)),
  field('MaxAttempts', ptr(uint64)),
  field('Window', ptr(duration)),
])

const Placement = struct('swarm.Placement', [
  field('Constraints', slice(string)),
  field(
    'Preferences',
    slice(
      struct('swarm.PlacementPreference', [
        field('Spread', ptr(struct('swarm.SpreadOver', [field('SpreadDescriptor', string)]))),
      ]),
    ),
  ),
  field('MaxReplicas', uint64),
  field('Platforms', slice(struct('swarm.Platform', [field('Architecture', string), field('OS', string)]))),
])

const NetworkAttachmentConfig = struct('swarm.NetworkAttachmentConfig', [
  field('Target', string),
  field('Aliases', slice(string)),
  field('DriverOpts', map(string)),
])

/** `swarm.TaskSpec`. */
export const TaskSpec = struct('swarm.TaskSpec', [
  field('ContainerSpec', ptr(ContainerSpec)),
  field('PluginSpec', ptr(RuntimeSpec)),
  field('NetworkAttachmentSpec', ptr(struct('swarm.NetworkAttachmentSpec', [field('ContainerID', string)]))),
  field('Resources', ptr(ResourceRequirements)),
  field('RestartPolicy', ptr(SwarmRestartPolicy)),
  field('Placement', ptr(Placement)),
  field('Networks', slice(NetworkAttachmentConfig)),
  field('LogDriver', ptr(SwarmDriver)),
  field('ForceUpdate', uint64),
  field('Runtime', string),
])

const ServiceMode = struct('swarm.ServiceMode', [
  field('Replicated', ptr(struct('swarm.ReplicatedService', [field('Replicas', ptr(uint64))]))),
  field('Global', ptr(struct('swarm.GlobalService', []))),
  field(
    'ReplicatedJob',
    ptr(
      struct('swarm.ReplicatedJob', [
        field('MaxConcurrent', ptr(uint64)),
        field('TotalCompletions', ptr(uint64)),
      ]),
    ),
  ),
  field('GlobalJob', ptr(struct('swarm.GlobalJob', []))),
])

const SwarmUpdateConfig = struct('swarm.UpdateConfig', [
  field('Parallelism', uint64),
  field('Delay', duration),
  field('FailureAction', string),
  field('Monitor', duration),
  field('MaxFailureRatio', float32),
  field('Order', string),
])

const PortConfig = struct('swarm.PortConfig', [
  field('Name', string),
  field('Protocol', string),
  field('TargetPort', uint32),
  field('PublishedPort', uint32),
  field('PublishMode', string),
])

const EndpointSpec = struct('swarm.EndpointSpec', [field('Mode', string), field('Ports', slice(PortConfig))])

/**
 * The body of `POST /services/create` and `POST /services/{id}/update`: `swarm.ServiceSpec`, union
 * of dockerd 20.10 … current (the service-level `Networks` was removed in current dockerd).
 */
export const ServiceSpec = struct('swarm.ServiceSpec', [
  embed(Annotations),
  field('TaskTemplate', TaskSpec),
  field('Mode', ServiceMode),
  field('UpdateConfig', ptr(SwarmUpdateConfig)),
  field('RollbackConfig', ptr(SwarmUpdateConfig)),
  field('Networks', slice(NetworkAttachmentConfig)),
  field('EndpointSpec', ptr(EndpointSpec)),
])
