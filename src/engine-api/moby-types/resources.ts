import { bool, field, int, int64, map, ptr, slice, string, struct, uint16, uint64 } from '../go-json/dsl.js'

/** `blkiodev.WeightDevice`. */
export const WeightDevice = struct('blkiodev.WeightDevice', [field('Path', string), field('Weight', uint16)])

/** `blkiodev.ThrottleDevice`. */
export const ThrottleDevice = struct('blkiodev.ThrottleDevice', [
  field('Path', string),
  field('Rate', uint64),
])

/** `units.Ulimit` (go-units). */
export const Ulimit = struct('units.Ulimit', [
  field('Name', string),
  field('Hard', int64),
  field('Soft', int64),
])

/** `container.DeviceMapping`. */
export const DeviceMapping = struct('container.DeviceMapping', [
  field('PathOnHost', string),
  field('PathInContainer', string),
  field('CgroupPermissions', string),
])

/** `container.DeviceRequest`. */
export const DeviceRequest = struct('container.DeviceRequest', [
  field('Driver', string),
  field('Count', int),
  field('DeviceIDs', slice(string)),
  field('Capabilities', slice(slice(string))),
  field('Options', map(string)),
])

/**
 * `container.Resources`, union of dockerd 20.10 … current: `KernelMemory` and `KernelMemoryTCP`
 * (removed in current) are kept where 20.10 declared them.
 */
export const Resources = struct('container.Resources', [
  field('CpuShares', int64),
  field('Memory', int64),
  field('NanoCpus', int64),
  field('CgroupParent', string),
  field('BlkioWeight', uint16),
  field('BlkioWeightDevice', slice(ptr(WeightDevice))),
  field('BlkioDeviceReadBps', slice(ptr(ThrottleDevice))),
  field('BlkioDeviceWriteBps', slice(ptr(ThrottleDevice))),
  field('BlkioDeviceReadIOps', slice(ptr(ThrottleDevice))),
  field('BlkioDeviceWriteIOps', slice(ptr(ThrottleDevice))),
  field('CpuPeriod', int64),
  field('CpuQuota', int64),
  field('CpuRealtimePeriod', int64),
  field('CpuRealtimeRuntime', int64),
  field('CpusetCpus', string),
  field('CpusetMems', string),
  field('Devices', slice(DeviceMapping)),
  field('DeviceCgroupRules', slice(string)),
  field('DeviceRequests', slice(DeviceRequest)),
  field('KernelMemory', int64),
  field('KernelMemoryTCP', int64),
  field('MemoryReservation', int64),
  field('MemorySwap', int64),
  field('MemorySwappiness', ptr(int64)),
  field('OomKillDisable', ptr(bool)),
  field('PidsLimit', ptr(int64)),
  field('Ulimits', slice(ptr(Ulimit))),
  field('CpuCount', int64),
  field('CpuPercent', int64),
  field('IOMaximumIOps', uint64),
  field('IOMaximumBandwidth', uint64),
])
