import { InputError } from '../../errors.js'
import type { Device, DeviceRequest } from '../../model/container-spec.js'
import type { OptionsByName } from './docker-run-to-spec.js'
import type { RunOption } from './parse-run-argv.js'

/** A CDI device name, `vendor.com/class=name` (the CLI sends these as a `cdi` device request). */
const CDI_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)+=[A-Za-z0-9][A-Za-z0-9._:-]*$/

function validMode(mode: string): boolean {
  return mode !== '' && [...mode].every((c, i) => 'rwm'.includes(c) && mode.indexOf(c) === i)
}

/**
 * Parses `--device` as the docker CLI does for a Linux daemon: `host[:container][:rwm]`, the
 * container path absolute, permissions from `rwm`.
 *
 * @example parseDevice('/dev/sda:/dev/xvda:r') // { pathOnHost: '/dev/sda', pathInContainer: '/dev/xvda', permissions: 'r' }
 */
export function parseDevice(value: string): Device {
  const parts = value.split(':')
  if (parts.length > 3 || parts[0] === '') throw new InputError(`bad format for path: ${value}`)
  const host = parts[0] as string
  let container = host
  let permissions = 'rwm'
  if (parts.length === 2) {
    if (validMode(parts[1] as string)) permissions = parts[1] as string
    else container = parts[1] as string
  } else if (parts.length === 3) {
    container = parts[1] as string
    permissions = parts[2] as string
    if (!validMode(permissions)) throw new InputError(`bad mode specified: ${permissions}`)
  }
  if (!container.startsWith('/')) throw new InputError(`${container} is not an absolute path`)
  return { pathOnHost: host, pathInContainer: container, permissions }
}

/**
 * The device mappings `--device` asks for, and the CDI devices among them, which the CLI sends as one
 * device request with the `cdi` driver.
 *
 * @example runDevices(new Map([['device', [{ name: 'device', value: 'nvidia.com/gpu=all', index: 0, valueIndex: 1 }]]])).requests[0]?.request.driver // 'cdi'
 */
export function runDevices(by: OptionsByName): {
  devices: { device: Device; option: RunOption }[]
  requests: { request: DeviceRequest; option: RunOption }[]
} {
  const devices: { device: Device; option: RunOption }[] = []
  const cdi: RunOption[] = []
  for (const o of by.get('device') ?? []) {
    if (CDI_NAME.test(o.value)) cdi.push(o)
    else devices.push({ device: parseDevice(o.value), option: o })
  }
  const first = cdi[0]
  const requests = first
    ? [
        {
          request: { driver: 'cdi', count: 0, deviceIds: cdi.map((o) => o.value), capabilities: [] },
          option: first,
        },
      ]
    : []
  return { devices, requests }
}
