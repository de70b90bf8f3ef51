/**
 * Rate classes: each action kind spends tokens from exactly one bucket per caller. `create` makes
 * something new on the daemon (containers, images, volumes, networks, services, secrets, ...);
 * `exec` starts a process in a running container; `read` changes nothing; `write` is the rest
 * (lifecycle, deletes, updates, streams, swarm, and kinds Airlock does not know).
 */
export const RATE_CLASSES = ['create', 'exec', 'read', 'write'] as const
export type RateClass = (typeof RATE_CLASSES)[number]

/** Concurrency classes: long-lived calls limited by how many run at once per caller. */
export const CONCURRENCY_CLASSES = ['attach', 'build'] as const
export type ConcurrencyClass = (typeof CONCURRENCY_CLASSES)[number]

const CREATE_KINDS = [
  'container.create',
  'image.build',
  'image.create',
  'image.commit',
  'image.load',
  'volume.create',
  'network.create',
  'plugin.pull',
  'plugin.create',
  'service.create',
  'secret.create',
  'config.create',
  'checkpoint.create',
]

/** One `docker exec` is one exec.create; its start, resize and inspect are counted elsewhere. */
const EXEC_KINDS = ['exec.create']

/** The same kinds as the proxy's read-only set (a test keeps them equal). */
const READ_KINDS = [
  'system.ping',
  'system.version',
  'system.info',
  'system.events',
  'system.df',
  'container.list',
  'container.inspect',
  'container.top',
  'container.changes',
  'container.stats',
  'container.logs',
  'container.export',
  'container.wait',
  'archive.get',
  'archive.stat',
  'exec.inspect',
  'image.list',
  'image.inspect',
  'image.history',
  'image.search',
  'image.get',
  'distribution.inspect',
  'volume.list',
  'volume.inspect',
  'network.list',
  'network.inspect',
  'plugin.list',
  'plugin.inspect',
  'plugin.privileges',
  'swarm.inspect',
  'service.list',
  'service.inspect',
  'service.logs',
  'task.list',
  'task.inspect',
  'task.logs',
  'node.list',
  'node.inspect',
  'secret.list',
  'secret.inspect',
  'config.list',
  'config.inspect',
  'checkpoint.list',
]

const RATE_CLASS = new Map<string, RateClass>([
  ...CREATE_KINDS.map((k): [string, RateClass] => [k, 'create']),
  ...EXEC_KINDS.map((k): [string, RateClass] => [k, 'exec']),
  ...READ_KINDS.map((k): [string, RateClass] => [k, 'read']),
])

const CONCURRENCY_CLASS = new Map<string, ConcurrencyClass>([
  ['container.attach', 'attach'],
  ['exec.start', 'attach'],
  ['image.build', 'build'],
])

/**
 * The rate class of an action kind; unknown kinds are `write`.
 *
 * @example rateClassOf('container.create') // 'create'
 * @example rateClassOf('container.kill') // 'write'
 */
export function rateClassOf(kind: string): RateClass {
  return RATE_CLASS.get(kind) ?? 'write'
}

/**
 * The concurrency class of an action kind, or undefined when calls of that kind are not counted.
 *
 * @example concurrencyClassOf('container.attach') // 'attach'
 * @example concurrencyClassOf('container.list') // undefined
 */
export function concurrencyClassOf(kind: string): ConcurrencyClass | undefined {
  return CONCURRENCY_CLASS.get(kind)
}

/**
 * Index of a rate class in RATE_CLASSES (for arrays of per-class slots).
 *
 * @example rateClassIndex('read') // 2
 */
export function rateClassIndex(cls: RateClass): number {
  return cls === 'create' ? 0 : cls === 'exec' ? 1 : cls === 'read' ? 2 : 3
}
