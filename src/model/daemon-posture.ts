import { z } from 'zod'
import { SourcePath } from './container-spec.js'

/** Where a posture value was read: the daemon's API, its config file, its command line, or the client. */
export const PostureSource = z.enum(['api', 'daemon.json', 'flags', 'client', 'filesystem'])
export type PostureSource = z.infer<typeof PostureSource>

/** An address the daemon listens on (`-H` / daemon.json `hosts`), with its TLS settings. */
export const DaemonListener = z.object({
  /** `unix:///var/run/docker.sock`, `tcp://0.0.0.0:2376`, `fd://`, `ssh://…` (client side). */
  address: z.string(),
  /** The listener speaks TLS (`tls` or `tlsverify`). */
  tls: z.boolean().default(false),
  /** Clients must present a certificate signed by the CA (`tlsverify`). */
  tlsVerify: z.boolean().default(false),
  source: PostureSource.default('api'),
  /** Path of the value in daemon.json, when it came from there. */
  origin: SourcePath.optional(),
})
export type DaemonListener = z.infer<typeof DaemonListener>

/**
 * What a file is to the daemon, which fixes its expected owner and mode (CIS Docker Benchmark
 * section 3).
 */
export const DAEMON_FILE_ROLES = [
  'docker-socket',
  'containerd-socket',
  'docker.service',
  'docker.socket',
  'config-dir',
  'daemon.json',
  'registry-cert',
  'tls-ca',
  'tls-cert',
  'tls-key',
  'default-env',
  'sysconfig-env',
] as const
export const DaemonFileRole = z.enum(DAEMON_FILE_ROLES)
export type DaemonFileRole = z.infer<typeof DaemonFileRole>

/** A file the daemon's security depends on, as `fs.stat` saw it. */
export const DaemonFile = z.object({
  path: z.string(),
  role: DaemonFileRole,
  uid: z.number().int(),
  gid: z.number().int(),
  /** Group name of `gid` from /etc/group, when it could be read. */
  group: z.string().optional(),
  /** Permission bits (`mode & 0o7777`). */
  mode: z.number().int(),
})
export type DaemonFile = z.infer<typeof DaemonFile>

/**
 * The daemon's own security posture, as far as it can be observed from the Engine API (`/info`,
 * `/version`, `/networks/bridge`), its daemon.json and command line when readable, and the files
 * around it when the daemon is local. Optional fields are `undefined` when they could not be
 * observed; daemon rules say nothing about what they cannot see.
 *
 * @example DaemonPosture.parse({ securityOptions: ['name=seccomp,profile=builtin'] }).liveRestore // false
 */
export const DaemonPosture = z.object({
  /** The address the scanner talked to (`unix:///var/run/docker.sock`, `tcp://host:2376`). */
  host: z.string().default('unix:///var/run/docker.sock'),
  serverVersion: z.string().default(''),
  apiVersion: z.string().default(''),
  /** `/info` SecurityOptions verbatim: `name=seccomp,profile=builtin`, `name=userns`, `name=rootless`, … */
  securityOptions: z.array(z.string()).default([]),
  /** `/info` Plugins.Authorization. */
  authorizationPlugins: z.array(z.string()).default([]),
  liveRestore: z.boolean().default(false),
  /** `/info` ExperimentalBuild. */
  experimental: z.boolean().default(false),
  /** `/info` Debug. */
  debug: z.boolean().default(false),
  /** `log-level` from daemon.json or `--log-level`; undefined when neither could be read. */
  logLevel: z.string().optional(),
  /** `/info` RegistryConfig: insecure registry CIDRs and index names (including the daemon's loopback defaults). */
  insecureRegistries: z.array(z.string()).default([]),
  /** Inter-container communication on the default bridge (`com.docker.network.bridge.enable_icc`). */
  icc: z.boolean().optional(),
  /**
   * The cgroup namespace containers get when they do not ask: `default-cgroupns-mode` from
   * daemon.json or flags, else what the cgroup version implies (v1 `host`, v2 `private`).
   */
  defaultCgroupnsMode: z.enum(['host', 'private']).optional(),
  /** Daemon-wide `no-new-privileges`, from daemon.json or flags. */
  noNewPrivileges: z.boolean().optional(),
  listeners: z.array(DaemonListener).default([]),
  files: z.array(DaemonFile).default([]),
  /** `/info` Warnings verbatim. */
  warnings: z.array(z.string()).default([]),
  /** The daemon.json that was read, and where each key sits in it (for locations in reports). */
  config: z
    .object({
      path: z.string(),
      origins: z.record(z.string(), SourcePath).default({}),
    })
    .optional(),
})
export type DaemonPosture = z.infer<typeof DaemonPosture>
export type DaemonPostureInput = z.input<typeof DaemonPosture>

/**
 * Builds a full DaemonPosture from a partial one. Throws on a bad shape.
 *
 * @example daemonPosture({ liveRestore: true }).listeners // []
 */
export function daemonPosture(input: DaemonPostureInput = {}): DaemonPosture {
  return DaemonPosture.parse(input)
}

/**
 * The `name=…` entries of SecurityOptions, each with its `key=value` options.
 *
 * @example securityOptionEntries(['name=seccomp,profile=builtin']).get('seccomp') // { name: 'seccomp', profile: 'builtin' }
 */
export function securityOptionEntries(options: readonly string[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>()
  for (const option of options) {
    const fields: Record<string, string> = {}
    for (const part of option.split(',')) {
      const i = part.indexOf('=')
      if (i > 0) fields[part.slice(0, i)] = part.slice(i + 1)
    }
    if (fields['name']) out.set(fields['name'], fields)
  }
  return out
}
