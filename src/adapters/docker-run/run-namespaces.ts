import { InputError } from '../../errors.js'
import type { Namespaces } from '../../model/container-spec.js'
import type { OptionsByName } from './docker-run-to-spec.js'
import type { RunOption } from './parse-run-argv.js'

type Mark = (path: (string | number)[], o: RunOption | undefined) => void

function isContainerMode(mode: string): boolean {
  return mode.startsWith('container:') && mode.length > 'container:'.length
}

const VALID: Record<string, { flag: string; ok: (m: string) => boolean; what: string }> = {
  pid: { flag: 'pid', ok: (m) => m === '' || m === 'host' || isContainerMode(m), what: 'PID' },
  uts: { flag: 'uts', ok: (m) => m === '' || m === 'host', what: 'UTS' },
  user: { flag: 'userns', ok: (m) => m === '' || m === 'host', what: 'USER' },
  cgroup: { flag: 'cgroupns', ok: (m) => ['', 'host', 'private'].includes(m), what: 'CGROUP' },
  ipc: {
    flag: 'ipc',
    ok: (m) => ['', 'none', 'private', 'shareable', 'host'].includes(m) || isContainerMode(m),
    what: 'IPC',
  },
}

/**
 * The network a `--network` value names: plain (`host`, `container:db`) or `name=...,alias=...`.
 *
 * @example networkTarget('name=front,alias=web') // 'front'
 */
export function networkTarget(value: string): string {
  if (!/\w+=\w+(,\w+=\w+)*/.test(value)) return value
  const field = value
    .split(',')
    .map((f) => f.toLowerCase().split('='))
    .find(([k]) => k?.trim() === 'name')
  return field?.[1]?.trim() ?? ''
}

/**
 * The namespace modes `--network`, `--pid`, `--ipc`, `--uts`, `--userns` and `--cgroupns` ask for,
 * validated as the docker CLI validates them. The first `--network` is the network mode; `default`
 * is the daemon's default (empty here, as dockerd reads it).
 *
 * @example runNamespaces(new Map([['pid', [{ name: 'pid', value: 'host', index: 0, valueIndex: 1 }]]]), () => {}).pid // 'host'
 */
export function runNamespaces(by: OptionsByName, mark: Mark): Namespaces {
  const firstNet = by.get('network')?.[0]
  const network = firstNet ? networkTarget(firstNet.value) : ''
  const out: Namespaces = {
    network: network === 'default' ? '' : network,
    pid: '',
    ipc: '',
    uts: '',
    user: '',
    cgroup: '',
    cgroupSpec: '',
    joinedHost: [],
  }
  mark(['namespaces', 'network'], firstNet)
  for (const [ns, v] of Object.entries(VALID)) {
    const o = by.get(v.flag)?.at(-1)
    if (!o) continue
    if (!v.ok(o.value)) throw new InputError(`--${v.flag}: invalid ${v.what} mode`)
    out[ns as 'pid'] = o.value
    mark(['namespaces', ns], o)
  }
  return out
}
