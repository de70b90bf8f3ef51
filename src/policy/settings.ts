/**
 * Policy parameters that rules read. Defaults are the built-in policy's; a policy file overrides
 * them. Paths are absolute host paths, compared after normalization.
 */
export interface RuleSettings {
  /**
   * Host paths that must never be bind-mounted, nor anything under them, nor any directory above
   * them (binding `/var` reaches `/var/lib/docker`). Also checked for volume driver options.
   */
  sensitiveHostPaths: string[]
  /** Directories that must not be bound whole, though paths below them may be (`/home`, `/opt`). */
  protectedHostDirs: string[]
  /** Sensitive host paths that are harmless when bound read-only (time zone, CA certificates). */
  readOnlySafeHostPaths: string[]
  /** Host path prefixes that `restricted` allows for binds. Empty: no binds at all. */
  allowedHostPaths: string[]
  /** Capabilities `restricted` lets a container add back after dropping ALL. */
  allowedCapabilities: string[]
  /** OCI runtimes allowed; the empty string is the daemon default. */
  allowedRuntimes: string[]
  /** Log drivers allowed: ones that keep logs on the host. */
  allowedLogDrivers: string[]
  /** Volume drivers allowed for volumes created by containers or by `volume create`. */
  allowedVolumeDrivers: string[]
  /** Network drivers allowed for `network create`. */
  allowedNetworkDrivers: string[]
  /** Sysctls allowed beyond the namespaced safe set (exact names or `prefix.*`). */
  allowedSysctls: string[]
  /** Host devices that may be mapped into containers (exact paths, or `prefix*`). */
  allowedDevices: string[]
  /** Host ports below this are privileged ports. */
  privilegedPortMax: number
  /** Largest PIDs limit counted as a limit. */
  maxPidsLimit: number
  /** Registries images may come from; empty allows any. */
  allowedRegistries: string[]
  /**
   * Cgroup parents containers and classic builds may name (exact, or `prefix*`), for daemons driven
   * by an orchestrator that places containers itself (cri-dockerd: `kubepods*`). Empty: none.
   */
  allowedCgroupParents?: string[]
}

export const SENSITIVE_HOST_PATHS: readonly string[] = [
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/sys',
  '/usr',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/kubelet',
  '/var/run',
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/run/containerd',
  '/var/run/containerd',
  '/run/crio',
  '/var/run/crio',
  '/run/podman',
  '/var/log',
]

export const DEFAULT_SETTINGS: RuleSettings = {
  sensitiveHostPaths: [...SENSITIVE_HOST_PATHS],
  protectedHostDirs: ['/home', '/opt', '/srv', '/mnt', '/media'],
  readOnlySafeHostPaths: [
    '/etc/localtime',
    '/etc/timezone',
    '/usr/share/zoneinfo',
    '/etc/ssl/certs',
    '/etc/ca-certificates',
    '/etc/pki/ca-trust/extracted',
    '/usr/share/ca-certificates',
  ],
  allowedHostPaths: [],
  allowedCapabilities: ['CAP_NET_BIND_SERVICE'],
  allowedRuntimes: ['', 'runc', 'io.containerd.runc.v2'],
  allowedLogDrivers: ['', 'json-file', 'local', 'journald', 'none'],
  allowedVolumeDrivers: ['', 'local'],
  allowedNetworkDrivers: ['', 'bridge', 'overlay', 'null'],
  allowedSysctls: [],
  allowedDevices: [],
  privilegedPortMax: 1023,
  maxPidsLimit: 32768,
  allowedRegistries: [],
  allowedCgroupParents: [],
}
