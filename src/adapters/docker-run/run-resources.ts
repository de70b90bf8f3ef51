import { InputError } from '../../errors.js'
import type { Resources } from '../../model/container-spec.js'
import type { OptionsByName } from './docker-run-to-spec.js'
import { parseNanoCpus } from './parse-nano-cpus.js'
import type { RunOption } from './parse-run-argv.js'
import { parseUlimit } from './parse-ulimit.js'
import { ramInBytes } from './ram-in-bytes.js'

type Mark = (path: (string | number)[], o: RunOption | undefined) => void

function int(o: RunOption): number {
  if (!/^[+-]?[0-9]+$/.test(o.value)) {
    throw new InputError(
      `invalid argument "${o.value}" for "--${o.name}" flag: strconv.ParseInt: invalid syntax`,
    )
  }
  return Number(o.value)
}

const FIELDS: readonly [keyof Resources, string, (o: RunOption) => number][] = [
  ['memory', 'memory', (o) => ramInBytes(o.value)],
  ['memorySwap', 'memory-swap', (o) => (o.value === '-1' ? -1 : ramInBytes(o.value))],
  ['memoryReservation', 'memory-reservation', (o) => ramInBytes(o.value)],
  ['nanoCpus', 'cpus', (o) => parseNanoCpus(o.value)],
  ['cpuShares', 'cpu-shares', int],
  ['cpuQuota', 'cpu-quota', int],
  ['cpuPeriod', 'cpu-period', int],
  ['cpuRealtimeRuntime', 'cpu-rt-runtime', int],
  ['oomScoreAdj', 'oom-score-adj', int],
  ['shmSize', 'shm-size', (o) => ramInBytes(o.value)],
  ['blkioWeight', 'blkio-weight', int],
]

/**
 * The resource limits the options set. Zero means "not set" for every limit, as in dockerd's
 * HostConfig, except the PIDs limit: `--pids-limit 0` and `-1` are kept, they ask for no limit.
 *
 * @example runResources(new Map([['memory', [{ name: 'memory', value: '512m', index: 0, valueIndex: 1 }]]]), () => {}).memory // 536870912
 */
export function runResources(by: OptionsByName, mark: Mark): Resources {
  const out: Resources = { ulimits: [] }
  for (const [field, flag, parse] of FIELDS) {
    const o = by.get(flag)?.at(-1)
    if (!o) continue
    const v = parse(o)
    if (v === 0) continue
    ;(out as Record<string, unknown>)[field] = v
    mark(['resources', field], o)
  }
  const cpuset = by.get('cpuset-cpus')?.at(-1)
  if (cpuset && cpuset.value !== '') out.cpusetCpus = cpuset.value
  const pids = by.get('pids-limit')?.at(-1)
  if (pids) {
    out.pidsLimit = int(pids)
    mark(['resources', 'pidsLimit'], pids)
  }
  const oom = by.get('oom-kill-disable')?.at(-1)
  if (oom) {
    out.oomKillDisable = oom.value === 'true'
    mark(['resources', 'oomKillDisable'], oom)
  }
  const ulimits = new Map<string, { ulimit: Resources['ulimits'][number]; option: RunOption }>()
  for (const o of by.get('ulimit') ?? []) {
    const u = parseUlimit(o.value)
    ulimits.set(u.name, { ulimit: u, option: o })
  }
  ;[...ulimits.values()].forEach((u, i) => {
    out.ulimits.push(u.ulimit)
    mark(['resources', 'ulimits', i], u.option)
  })
  return out
}
