import type { Resources } from '../../model/container-spec.js'
import { ULIMIT_NAMES } from '../docker-run/parse-ulimit.js'
import { asBool, asBytes, asInt, asMap, asNumber, ComposeValueError, child } from './compose-values.js'
import { field, guard, mark, type ServiceContext } from './service-context.js'
import type { YNode } from './yaml-tree.js'

type NumericField = Exclude<keyof Resources, 'ulimits' | 'cpusetCpus' | 'oomKillDisable'>

function swapBytes(n: YNode): number {
  return n.kind === 'scalar' && (n.value === -1 || n.value === '-1') ? -1 : asBytes(n, 'memswap_limit')
}

/** Service keys that map to a resource limit; 0 means "not set", as in the create request. */
const KEYS: readonly [string, NumericField, (n: YNode) => number][] = [
  ['mem_limit', 'memory', (n) => asBytes(n, 'mem_limit')],
  ['memswap_limit', 'memorySwap', swapBytes],
  ['mem_reservation', 'memoryReservation', (n) => asBytes(n, 'mem_reservation')],
  ['shm_size', 'shmSize', (n) => asBytes(n, 'shm_size')],
  ['cpus', 'nanoCpus', (n) => Math.round(asNumber(n, 'cpus') * 1e9)],
  ['cpu_shares', 'cpuShares', (n) => asInt(n, 'cpu_shares')],
  ['cpu_quota', 'cpuQuota', (n) => asInt(n, 'cpu_quota')],
  ['cpu_period', 'cpuPeriod', (n) => asInt(n, 'cpu_period')],
  ['cpu_rt_runtime', 'cpuRealtimeRuntime', (n) => asInt(n, 'cpu_rt_runtime')],
  ['oom_score_adj', 'oomScoreAdj', (n) => asInt(n, 'oom_score_adj')],
  ['pids_limit', 'pidsLimit', (n) => asInt(n, 'pids_limit')],
]

function set(ctx: ServiceContext, r: Resources, key: NumericField, value: number, n: YNode): void {
  if (value === 0) return
  r[key] = value
  mark(ctx, ['resources', key], n)
}

function ulimits(ctx: ServiceContext, r: Resources, node: YNode): void {
  for (const [name, v] of asMap(node, 'ulimits').entries) {
    guard(ctx, v, () => {
      if (!ULIMIT_NAMES.has(name)) throw new ComposeValueError(`invalid ulimit type: ${name}`, v)
      const soft = v.kind === 'map' ? child(v, 'soft') : v
      const hard = v.kind === 'map' ? child(v, 'hard') : v
      if (!soft || !hard) throw new ComposeValueError(`ulimit ${name} needs soft and hard`, v)
      mark(ctx, ['resources', 'ulimits', r.ulimits.length], v)
      r.ulimits.push({ name, soft: asInt(soft), hard: asInt(hard) })
    })
  }
}

/**
 * The resource limits of a compose service, with docker compose's precedence: `mem_limit`, `cpus`,
 * `pids_limit`, ... first, then `deploy.resources.limits` (memory, cpus, pids) and
 * `deploy.resources.reservations.memory` replace them when set (non-zero; pids only when positive),
 * as compose's `getDeployResources` does. A value of 0 is "not set"; `pids_limit: -1` asks for
 * no limit.
 *
 * @example serviceResources(ctx) // ctx.spec.resources = { memory: 536870912, nanoCpus: 500000000, ulimits: [] }
 */
export function serviceResources(ctx: ServiceContext): void {
  const r: Resources = { ulimits: [] }
  for (const [key, target, read] of KEYS) field(ctx, key, (n) => set(ctx, r, target, read(n), n))
  field(ctx, 'cpuset', (n) => {
    const v = n.kind === 'scalar' && n.value !== null ? String(n.value) : ''
    if (v !== '') r.cpusetCpus = v
  })
  field(ctx, 'oom_kill_disable', (n) => {
    r.oomKillDisable = asBool(n, 'oom_kill_disable')
    mark(ctx, ['resources', 'oomKillDisable'], n)
  })
  field(ctx, 'blkio_config', (n) => {
    const w = child(n, 'weight')
    if (w) set(ctx, r, 'blkioWeight', asInt(w, 'blkio_config.weight'), w)
  })
  field(ctx, 'ulimits', (n) => ulimits(ctx, r, n))
  field(ctx, 'deploy', (deploy) => {
    const limits = child(child(deploy, 'resources'), 'limits')
    const reservations = child(child(deploy, 'resources'), 'reservations')
    const memory = child(limits, 'memory')
    const cpus = child(limits, 'cpus')
    const pids = child(limits, 'pids')
    const reserved = child(reservations, 'memory')
    if (memory) guard(ctx, memory, () => set(ctx, r, 'memory', asBytes(memory, 'limits.memory'), memory))
    if (cpus)
      guard(ctx, cpus, () => set(ctx, r, 'nanoCpus', Math.round(asNumber(cpus, 'limits.cpus') * 1e9), cpus))
    if (pids)
      guard(ctx, pids, () => {
        const v = asInt(pids, 'limits.pids')
        if (v > 0) set(ctx, r, 'pidsLimit', v, pids)
      })
    if (reserved)
      guard(ctx, reserved, () =>
        set(ctx, r, 'memoryReservation', asBytes(reserved, 'reservations.memory'), reserved),
      )
  })
  ctx.spec.resources = r
}
