import { field, int64, map, ptr, slice, string, struct } from '../go-json/dsl.js'

const TypeMount = struct('volume.TypeMount', [field('FsType', string), field('MountFlags', slice(string))])
const TypeBlock = struct('volume.TypeBlock', [])

const AccessMode = struct('volume.AccessMode', [
  field('Scope', string),
  field('Sharing', string),
  field('MountVolume', ptr(TypeMount)),
  field('BlockVolume', ptr(TypeBlock)),
])

const Topology = struct('volume.Topology', [field('Segments', map(string))])

const TopologyRequirement = struct('volume.TopologyRequirement', [
  field('Requisite', slice(Topology)),
  field('Preferred', slice(Topology)),
])

const CapacityRange = struct('volume.CapacityRange', [
  field('RequiredBytes', int64),
  field('LimitBytes', int64),
])

const VolumeSecret = struct('volume.Secret', [field('Key', string), field('Secret', string)])

/** `volume.ClusterVolumeSpec` (dockerd 23+). */
export const ClusterVolumeSpec = struct('volume.ClusterVolumeSpec', [
  field('Group', string),
  field('AccessMode', ptr(AccessMode)),
  field('AccessibilityRequirements', ptr(TopologyRequirement)),
  field('CapacityRange', ptr(CapacityRange)),
  field('Secrets', slice(VolumeSecret)),
  field('Availability', string),
])

/** The body of `POST /volumes/create` (`volume.VolumeCreateBody` in 20.10, `CreateOptions` later). */
export const VolumeCreateOptions = struct('volume.CreateOptions', [
  field('ClusterVolumeSpec', ptr(ClusterVolumeSpec)),
  field('Driver', string),
  field('DriverOpts', map(string)),
  field('Labels', map(string)),
  field('Name', string),
])
