import { z } from 'zod'

/**
 * A location in the input a value came from, as a path of keys and indexes
 * (`['HostConfig', 'Binds', 0]`, `['services', 'web', 'volumes', 1]`). Reporters turn it into
 * file/line/column; the proxy into a field name in the denial message.
 */
export const SourcePath = z.array(z.union([z.string(), z.number()]))
export type SourcePath = z.infer<typeof SourcePath>

/** Every way a container reaches storage, normalized: `-v`, `--mount`, `--tmpfs`, image volumes. */
export const Mount = z.object({
  type: z.enum(['bind', 'volume', 'tmpfs', 'npipe', 'cluster', 'image']),
  /** Host path for binds (as given), volume name for volumes (empty: anonymous), image ref for image mounts. */
  source: z.string().default(''),
  /** The host path after the enforcement point resolved symlinks, when it could (proxy on the daemon's host). */
  resolvedSource: z.string().optional(),
  target: z.string(),
  readOnly: z.boolean().default(false),
  /** Bind propagation: private, rprivate, shared, rshared, slave, rslave. */
  propagation: z.string().optional(),
  /** Volume driver for named volumes created on the fly (`local` when empty). */
  volumeDriver: z.string().optional(),
  /** Driver options of a volume created on the fly (`type`, `device`, `o` for the local driver). */
  volumeOptions: z.record(z.string(), z.string()).optional(),
  /** Where in the input this mount was written. */
  origin: SourcePath.optional(),
})
export type Mount = z.infer<typeof Mount>

export const Device = z.object({
  pathOnHost: z.string(),
  pathInContainer: z.string().default(''),
  permissions: z.string().default('rwm'),
  origin: SourcePath.optional(),
})
export type Device = z.infer<typeof Device>

export const DeviceRequest = z.object({
  driver: z.string().default(''),
  count: z.number().default(0),
  deviceIds: z.array(z.string()).default([]),
  capabilities: z.array(z.array(z.string())).default([]),
})
export type DeviceRequest = z.infer<typeof DeviceRequest>

export const PortBinding = z.object({
  /** `80/tcp` style container port. */
  containerPort: z.string(),
  /** Host interface; empty means every interface (0.0.0.0 and ::). */
  hostIp: z.string().default(''),
  /** Host port or range; empty means an ephemeral port chosen by the daemon. */
  hostPort: z.string().default(''),
  origin: SourcePath.optional(),
})
export type PortBinding = z.infer<typeof PortBinding>

export const Ulimit = z.object({ name: z.string(), soft: z.number(), hard: z.number() })
export type Ulimit = z.infer<typeof Ulimit>

/**
 * Resource limits. `undefined` means "not set", which for every limit here means unlimited.
 * Numbers are bytes, CPUs in nano-CPUs, PIDs as a count.
 */
export const Resources = z.object({
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
  /** PIDs limit; `undefined` is unlimited (dockerd treats 0 and negatives as unlimited too). */
  pidsLimit: z.number().optional(),
  oomKillDisable: z.boolean().optional(),
  oomScoreAdj: z.number().optional(),
  shmSize: z.number().optional(),
  blkioWeight: z.number().optional(),
  ulimits: z.array(Ulimit).default([]),
})
export type Resources = z.infer<typeof Resources>

/**
 * Namespace modes as dockerd spells them. Empty string: the daemon's default (private namespaces,
 * bridge network). Otherwise `host`, `container:<ref>`, `private`, `shareable`, `none`, a network
 * name, ... Use `namespaceKind()` to classify.
 */
export const Namespaces = z.object({
  network: z.string().default(''),
  pid: z.string().default(''),
  ipc: z.string().default(''),
  uts: z.string().default(''),
  user: z.string().default(''),
  cgroup: z.string().default(''),
  /** HostConfig.Cgroup: `container:<ref>` joins another container's cgroup. */
  cgroupSpec: z.string().default(''),
  /**
   * Namespaces that are the host's because this container joins (`container:<ref>`) a container
   * that uses the host's. Filled by an enforcement point that could look the joined container up.
   */
  joinedHost: z.array(z.enum(['network', 'pid', 'ipc', 'uts', 'user', 'cgroup'])).default([]),
})
export type Namespaces = z.infer<typeof Namespaces>

export const SecurityOptions = z.object({
  /** Undefined: not set by the caller (the daemon's default applies, normally off). */
  noNewPrivileges: z.boolean().optional(),
  /** `unconfined`, `builtin`/`default`, or a custom profile (JSON); undefined is the daemon default. */
  seccomp: z.string().optional(),
  /** `unconfined` or a profile name; undefined is the daemon default (docker-default). */
  apparmor: z.string().optional(),
  /** SELinux label options (`user:`, `role:`, `type:`, `level:`, `disable`). */
  selinux: z.array(z.string()).default([]),
  /** `systempaths=unconfined` removes the masked and read-only /proc paths. */
  systempathsUnconfined: z.boolean().default(false),
  /** Anything in SecurityOpt that Airlock did not classify, verbatim. */
  other: z.array(z.string()).default([]),
})
export type SecurityOptions = z.infer<typeof SecurityOptions>

export const LogConfig = z.object({
  type: z.string().default(''),
  config: z.record(z.string(), z.string()).default({}),
})
export type LogConfig = z.infer<typeof LogConfig>

export const Healthcheck = z.object({
  test: z.array(z.string()).default([]),
  disabled: z.boolean().default(false),
})

/**
 * The one normalized description of a container. Docker create bodies, compose services, Kubernetes
 * pod containers, `docker run` command lines and `docker inspect` output all become this. Rules see
 * only this, never a wire format. Every field defaults to what dockerd does when it is not set.
 */
export const ContainerSpec = z.object({
  /** Name given to the container, when any. */
  name: z.string().optional(),
  image: z.string().default(''),
  /** `USER` as given (`name`, `uid`, `uid:gid`, ...); empty means the image's default user. */
  user: z.string().default(''),
  /** The image's configured USER when the enforcement point knows it (proxy: image inspect). */
  imageUser: z.string().optional(),
  groupAdd: z.array(z.string()).default([]),
  command: z.array(z.string()).default([]),
  entrypoint: z.array(z.string()).default([]),
  env: z.array(z.string()).default([]),
  labels: z.record(z.string(), z.string()).default({}),
  workingDir: z.string().default(''),
  privileged: z.boolean().default(false),
  /** Capabilities as canonical names (`CAP_SYS_ADMIN`) or `ALL`. */
  capAdd: z.array(z.string()).default([]),
  capDrop: z.array(z.string()).default([]),
  namespaces: Namespaces.default(Namespaces.parse({})),
  security: SecurityOptions.default(SecurityOptions.parse({})),
  readOnlyRootfs: z.boolean().default(false),
  /** Undefined: the daemon's default masked paths. An empty list unmasks everything. */
  maskedPaths: z.array(z.string()).optional(),
  readonlyPaths: z.array(z.string()).optional(),
  mounts: z.array(Mount).default([]),
  /** Containers whose volumes this one takes (`name[:ro|rw]`). */
  volumesFrom: z.array(z.string()).default([]),
  devices: z.array(Device).default([]),
  deviceCgroupRules: z.array(z.string()).default([]),
  deviceRequests: z.array(DeviceRequest).default([]),
  resources: Resources.default(Resources.parse({})),
  ports: z.array(PortBinding).default([]),
  publishAllPorts: z.boolean().default(false),
  exposedPorts: z.array(z.string()).default([]),
  sysctls: z.record(z.string(), z.string()).default({}),
  /** OCI runtime; empty is the daemon default (runc). */
  runtime: z.string().default(''),
  cgroupParent: z.string().default(''),
  logConfig: LogConfig.default(LogConfig.parse({})),
  restartPolicy: z
    .object({ name: z.string().default(''), maximumRetryCount: z.number().default(0) })
    .default({
      name: '',
      maximumRetryCount: 0,
    }),
  healthcheck: Healthcheck.optional(),
  /** Networks the container joins at create time, by name. */
  networks: z.array(z.string()).default([]),
  links: z.array(z.string()).default([]),
  extraHosts: z.array(z.string()).default([]),
  dns: z.array(z.string()).default([]),
  storageOpt: z.record(z.string(), z.string()).default({}),
  isolation: z.string().default(''),
  init: z.boolean().optional(),
  autoRemove: z.boolean().default(false),
  /** Arbitrary annotations passed to the OCI runtime (API 1.43+). */
  annotations: z.record(z.string(), z.string()).default({}),
})
export type ContainerSpec = z.infer<typeof ContainerSpec>
/** What an adapter may write: every field optional. */
export type ContainerSpecInput = z.input<typeof ContainerSpec>

/** Builds a full ContainerSpec from a partial one, filling dockerd's defaults. Throws on a bad shape. */
export function containerSpec(input: ContainerSpecInput = {}): ContainerSpec {
  return ContainerSpec.parse(input)
}
