import { bool, duration, field, int, map, ptr, slice, string, strslice, struct } from '../go-json/dsl.js'
import { Port } from './port.js'

/** `container.HealthConfig` (dockerspec.HealthcheckConfig in current dockerd). */
export const HealthConfig = struct('container.HealthConfig', [
  field('Test', slice(string)),
  field('Interval', duration),
  field('Timeout', duration),
  field('StartPeriod', duration),
  field('StartInterval', duration),
  field('Retries', int),
])

/** `struct{}`, the value type of set-like maps. */
export const EmptyStruct = struct('struct {}', [])

/** `nat.PortSet` / `network.PortSet`: `map[Port]struct{}`. */
export const PortSet = map(EmptyStruct, Port)

/**
 * `container.Config`, union of dockerd 20.10 … current. `Cmd`, `Entrypoint` and `Shell` are
 * `strslice.StrSlice` (a string is a one-element list) as up to dockerd 28; `MacAddress` was removed
 * from the struct in current dockerd, which still reads it from the body for old API versions.
 */
export const Config = struct('container.Config', [
  field('Hostname', string),
  field('Domainname', string),
  field('User', string),
  field('AttachStdin', bool),
  field('AttachStdout', bool),
  field('AttachStderr', bool),
  field('ExposedPorts', PortSet),
  field('Tty', bool),
  field('OpenStdin', bool),
  field('StdinOnce', bool),
  field('Env', slice(string)),
  field('Cmd', strslice),
  field('Healthcheck', ptr(HealthConfig)),
  field('ArgsEscaped', bool),
  field('Image', string),
  field('Volumes', map(EmptyStruct)),
  field('WorkingDir', string),
  field('Entrypoint', strslice),
  field('NetworkDisabled', bool),
  field('MacAddress', string),
  field('OnBuild', slice(string)),
  field('Labels', map(string)),
  field('StopSignal', string),
  field('StopTimeout', ptr(int)),
  field('Shell', strslice),
])

/** The body of `POST /commit`: the `container.Config` applied to the new image. */
export const ContainerCommitConfig = Config
