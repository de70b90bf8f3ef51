import { z } from 'zod'
import { ContainerSpec } from './container-spec.js'

/**
 * Action kinds that carry no payload Airlock decides on beyond the target. Each Engine API endpoint
 * maps to exactly one kind (see `engine-api/routes.ts`).
 */
export const PLAIN_ACTION_KINDS = [
  // reads of metadata
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
  'container.wait',
  'exec.inspect',
  'image.list',
  'image.inspect',
  'image.history',
  'image.search',
  'image.get',
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
  'distribution.inspect',
  'checkpoint.list',
  // reads of container data (filesystems, output)
  'container.logs',
  'container.export',
  'archive.get',
  'archive.stat',
  // interactive streams
  'container.attach',
  'exec.start',
  'exec.resize',
  'container.resize',
  // lifecycle without new privileges
  'container.stop',
  'container.restart',
  'container.kill',
  'container.pause',
  'container.unpause',
  'container.rename',
  'container.delete',
  'container.prune',
  'checkpoint.create',
  'checkpoint.delete',
  'image.delete',
  'image.tag',
  'image.prune',
  'image.load',
  'image.push',
  'volume.delete',
  'volume.prune',
  'volume.update',
  'network.delete',
  'network.disconnect',
  'network.prune',
  'build.prune',
  'build.cancel',
  'plugin.enable',
  'plugin.disable',
  'plugin.delete',
  'plugin.push',
  'plugin.create',
  'service.delete',
  'node.update',
  'node.delete',
  'secret.create',
  'secret.update',
  'secret.delete',
  'config.create',
  'config.update',
  'config.delete',
  'swarm.init',
  'swarm.join',
  'swarm.leave',
  'swarm.update',
  'swarm.unlock',
  'swarm.unlockkey',
  'session',
  'grpc',
  'auth',
] as const
export type PlainActionKind = (typeof PLAIN_ACTION_KINDS)[number]

const Target = z.string().optional()

export const ContainerCreateAction = z.object({
  kind: z.literal('container.create'),
  spec: ContainerSpec,
  /** `platform` query (API 1.41+). */
  platform: z.string().optional(),
})

/** Start. On API < 1.24 the body may carry a HostConfig that replaces the container's: `hostConfig`. */
export const ContainerStartAction = z.object({
  kind: z.literal('container.start'),
  target: Target,
  hostConfig: ContainerSpec.optional(),
  checkpoint: z.string().optional(),
})

/** `docker update`: only resources and the restart policy can change. Undefined: unchanged. */
export const ContainerUpdateAction = z.object({
  kind: z.literal('container.update'),
  target: Target,
  memory: z.number().optional(),
  memorySwap: z.number().optional(),
  memoryReservation: z.number().optional(),
  kernelMemory: z.number().optional(),
  nanoCpus: z.number().optional(),
  cpuShares: z.number().optional(),
  cpuQuota: z.number().optional(),
  cpuPeriod: z.number().optional(),
  cpuRealtimeRuntime: z.number().optional(),
  cpusetCpus: z.string().optional(),
  /** dockerd: 0 or negative removes the limit; undefined leaves it unchanged. */
  pidsLimit: z.number().optional(),
  oomKillDisable: z.boolean().optional(),
  blkioWeight: z.number().optional(),
  restartPolicy: z.object({ name: z.string(), maximumRetryCount: z.number() }).optional(),
  /** Fields the update set that dockerd ignores for update (devices, ulimits, ...), by wire name. */
  ignoredFields: z.array(z.string()).default([]),
})

export const ExecCreateAction = z.object({
  kind: z.literal('exec.create'),
  target: Target,
  user: z.string().default(''),
  privileged: z.boolean().default(false),
  cmd: z.array(z.string()).default([]),
  env: z.array(z.string()).default([]),
  workingDir: z.string().default(''),
  tty: z.boolean().default(false),
})

export const ArchivePutAction = z.object({
  kind: z.literal('archive.put'),
  target: Target,
  path: z.string(),
  copyUIDGID: z.boolean().default(false),
  noOverwriteDirNonDir: z.boolean().default(false),
})

/** `POST /build`: the options that change what the build may reach. */
export const ImageBuildAction = z.object({
  kind: z.literal('image.build'),
  tags: z.array(z.string()).default([]),
  /** `remote`: a URL or git repository the daemon fetches the context from. */
  remote: z.string().default(''),
  dockerfile: z.string().default(''),
  networkMode: z.string().default(''),
  extraHosts: z.array(z.string()).default([]),
  cgroupParent: z.string().default(''),
  isolation: z.string().default(''),
  platform: z.string().default(''),
  /** `version=2` builds run BuildKit. */
  builderVersion: z.string().default(''),
  /** BuildKit outputs (`outputs` query, JSON `[{"Type","Attrs"}]`), flattened as `type,key=value;...`. */
  outputs: z.string().default(''),
  buildArgs: z.record(z.string(), z.string().nullable()).default({}),
  labels: z.record(z.string(), z.string()).default({}),
  memory: z.number().optional(),
  cpuShares: z.number().optional(),
  shmSize: z.number().optional(),
  ulimits: z.array(z.object({ name: z.string(), soft: z.number(), hard: z.number() })).default([]),
  pull: z.string().default(''),
  session: z.string().default(''),
  /** Dockerfile instructions the proxy could read from the context, when it was a tar it inspected. */
  dockerfileText: z.string().optional(),
})

/** `POST /images/create`: pull (`fromImage`) or import (`fromSrc`, which may be a URL the daemon fetches). */
export const ImageCreateAction = z.object({
  kind: z.literal('image.create'),
  fromImage: z.string().default(''),
  fromSrc: z.string().default(''),
  repo: z.string().default(''),
  tag: z.string().default(''),
  platform: z.string().default(''),
  changes: z.array(z.string()).default([]),
})

export const ImageCommitAction = z.object({
  kind: z.literal('image.commit'),
  target: Target,
  repo: z.string().default(''),
  tag: z.string().default(''),
  changes: z.array(z.string()).default([]),
  /** The image config from the body, when one was given (user, env, volumes, ...). */
  user: z.string().optional(),
})

export const VolumeCreateAction = z.object({
  kind: z.literal('volume.create'),
  name: z.string().default(''),
  driver: z.string().default(''),
  driverOpts: z.record(z.string(), z.string()).default({}),
  labels: z.record(z.string(), z.string()).default({}),
  /** Cluster volume spec present (swarm CSI). */
  cluster: z.boolean().default(false),
})

export const NetworkCreateAction = z.object({
  kind: z.literal('network.create'),
  name: z.string().default(''),
  driver: z.string().default(''),
  options: z.record(z.string(), z.string()).default({}),
  internal: z.boolean().default(false),
  attachable: z.boolean().default(false),
  ingress: z.boolean().default(false),
  configOnly: z.boolean().default(false),
  configFrom: z.string().default(''),
  scope: z.string().default(''),
  ipamDriver: z.string().default(''),
  ipamOptions: z.record(z.string(), z.string()).default({}),
  enableIPv6: z.boolean().default(false),
  labels: z.record(z.string(), z.string()).default({}),
})

export const NetworkConnectAction = z.object({
  kind: z.literal('network.connect'),
  target: Target,
  container: z.string().default(''),
  aliases: z.array(z.string()).default([]),
  driverOpts: z.record(z.string(), z.string()).default({}),
})

/** A plugin install/upgrade/pull and the privileges the caller accepted for it. */
export const PluginInstallAction = z.object({
  kind: z.enum(['plugin.pull', 'plugin.upgrade']),
  target: Target,
  remote: z.string().default(''),
  privileges: z.array(z.object({ name: z.string(), value: z.array(z.string()) })).default([]),
})

export const PluginSetAction = z.object({
  kind: z.literal('plugin.set'),
  target: Target,
  args: z.array(z.string()).default([]),
})

/** A swarm service create or update: the task's container spec, normalized. */
export const ServiceAction = z.object({
  kind: z.enum(['service.create', 'service.update']),
  target: Target,
  name: z.string().default(''),
  spec: ContainerSpec,
})

export const PlainAction = z.object({
  kind: z.enum(PLAIN_ACTION_KINDS),
  target: Target,
})

/**
 * What a caller asks the daemon to do. One kind per Engine API endpoint; payload kinds carry the
 * normalized fields Airlock decides on.
 */
export const Action = z.discriminatedUnion('kind', [
  ContainerCreateAction,
  ContainerStartAction,
  ContainerUpdateAction,
  ExecCreateAction,
  ArchivePutAction,
  ImageBuildAction,
  ImageCreateAction,
  ImageCommitAction,
  VolumeCreateAction,
  NetworkCreateAction,
  NetworkConnectAction,
  PluginInstallAction,
  PluginSetAction,
  ServiceAction,
  PlainAction,
])
export type Action = z.infer<typeof Action>
export type ActionInput = z.input<typeof Action>
export type ActionKind = Action['kind']
/** The action type for one kind (schemas shared by several kinds are narrowed to the kind). */
export type ActionOf<K extends ActionKind> = K extends ActionKind
  ? Action extends infer A
    ? A extends { kind: infer AK }
      ? K extends AK
        ? A & { kind: K }
        : never
      : never
    : never
  : never

/** Every action kind, for route tables and role definitions. */
export const ACTION_KINDS: readonly ActionKind[] = [
  'container.create',
  'container.start',
  'container.update',
  'exec.create',
  'archive.put',
  'image.build',
  'image.create',
  'image.commit',
  'volume.create',
  'network.create',
  'network.connect',
  'plugin.pull',
  'plugin.upgrade',
  'plugin.set',
  'service.create',
  'service.update',
  ...PLAIN_ACTION_KINDS,
]

/**
 * A complete action of one kind, typed (no validation, no defaults): the fast path for adapters,
 * whose output the compiler already checks.
 *
 * @example makeAction({ kind: 'container.kill', target: 'web' })
 */
export function makeAction<K extends ActionKind>(a: ActionOf<K>): Action {
  return a as Action
}

/** A plain (payload-free) action of a kind known only at run time. */
export function makePlainAction(kind: PlainActionKind, target: string): Action {
  return { kind, target } as Action
}

/** Builds an Action from a partial one, filling defaults. Throws on a bad shape. */
export function action(input: ActionInput): Action {
  return Action.parse(input)
}
