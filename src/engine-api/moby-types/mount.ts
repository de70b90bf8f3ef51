import { bool, field, fileMode, int64, map, ptr, slice, string, struct } from '../go-json/dsl.js'

/** `mount.BindOptions`. */
export const BindOptions = struct('mount.BindOptions', [
  field('Propagation', string),
  field('NonRecursive', bool),
  field('CreateMountpoint', bool),
  field('ReadOnlyNonRecursive', bool),
  field('ReadOnlyForceRecursive', bool),
])

/** `mount.Driver`. */
export const MountDriver = struct('mount.Driver', [field('Name', string), field('Options', map(string))])

/** `mount.VolumeOptions`. */
export const VolumeOptions = struct('mount.VolumeOptions', [
  field('NoCopy', bool),
  field('Labels', map(string)),
  field('Subpath', string),
  field('DriverConfig', ptr(MountDriver)),
])

/** `mount.ImageOptions` (dockerd 28+). */
export const ImageOptions = struct('mount.ImageOptions', [field('Subpath', string)])

/** `mount.TmpfsOptions`. */
export const TmpfsOptions = struct('mount.TmpfsOptions', [
  field('SizeBytes', int64),
  field('Mode', fileMode),
  field('Options', slice(slice(string))),
])

/** `mount.ClusterOptions`: an empty struct. */
export const ClusterOptions = struct('mount.ClusterOptions', [])

/** `mount.Mount`. */
export const Mount = struct('mount.Mount', [
  field('Type', string),
  field('Source', string),
  field('Target', string),
  field('ReadOnly', bool),
  field('Consistency', string),
  field('BindOptions', ptr(BindOptions)),
  field('VolumeOptions', ptr(VolumeOptions)),
  field('ImageOptions', ptr(ImageOptions)),
  field('TmpfsOptions', ptr(TmpfsOptions)),
  field('ClusterOptions', ptr(ClusterOptions)),
])
