import { effectiveCapabilities } from '../../src/model/capabilities.js'
import type { ContainerSpec } from '../../src/model/container-spec.js'

/** What the daemon fills in for fields a create body leaves empty, learned from the daemon itself. */
export interface DaemonDefaults {
  ipc: string
  cgroupns: string
  maskedPaths: string[]
  readonlyPaths: string[]
}

let defaults: DaemonDefaults | undefined

export function setDaemonDefaults(d: DaemonDefaults): void {
  defaults = d
}

function paths(list: string[] | undefined, dflt: string[] | undefined): string {
  if (list === undefined) return 'default'
  const sorted = [...list].sort()
  return dflt && JSON.stringify(sorted) === JSON.stringify([...dflt].sort())
    ? 'default'
    : JSON.stringify(sorted)
}

/**
 * The security-relevant reading of a container spec, with the daemon's defaults filled in, so that
 * Airlock's view of a create body and the daemon's inspect of the created container compare equal
 * exactly when they mean the same container.
 */
export function securityProjection(s: ContainerSpec): Record<string, unknown> {
  const d = defaults
  const or = (v: string, fallback: string | undefined) => (v === '' && fallback !== undefined ? fallback : v)
  return {
    image: s.image,
    user: s.user,
    groupAdd: s.groupAdd,
    privileged: s.privileged,
    capabilities: [...effectiveCapabilities(s)].sort(),
    network: s.namespaces.network,
    pid: s.namespaces.pid,
    ipc: or(s.namespaces.ipc, d?.ipc),
    uts: s.namespaces.uts,
    userns: s.namespaces.user,
    cgroupns: or(s.namespaces.cgroup, d?.cgroupns),
    cgroup: s.namespaces.cgroupSpec,
    noNewPrivileges: s.security.noNewPrivileges ?? false,
    seccomp: s.security.seccomp ?? '',
    apparmor: s.security.apparmor ?? '',
    // dockerd itself adds label=disable for host PID/IPC and privileged containers (generateSecurityOpt).
    selinux: s.security.selinux.filter((o) => o !== 'disable' && o !== 'disable:true'),
    labelDisabled:
      s.security.selinux.includes('disable') ||
      s.privileged ||
      s.namespaces.pid === 'host' ||
      s.namespaces.ipc === 'host',
    readOnlyRootfs: s.readOnlyRootfs,
    maskedPaths: paths(s.maskedPaths, d?.maskedPaths),
    readonlyPaths: paths(s.readonlyPaths, d?.readonlyPaths),
    mounts: s.mounts
      .map((m) => ({
        type: m.type,
        source: m.source,
        target: m.target,
        readOnly: m.readOnly,
        propagation: m.propagation ?? '',
      }))
      .sort((a, b) => a.target.localeCompare(b.target)),
    volumesFrom: s.volumesFrom,
    devices: s.devices.map((x) => `${x.pathOnHost}:${x.pathInContainer}:${x.permissions}`),
    deviceCgroupRules: s.deviceCgroupRules,
    pidsLimit:
      s.resources.pidsLimit === undefined || s.resources.pidsLimit <= 0 ? 'unlimited' : s.resources.pidsLimit,
    memory: s.resources.memory ?? 0,
    nanoCpus: s.resources.nanoCpus ?? 0,
    oomKillDisable: s.resources.oomKillDisable ?? false,
    ports: s.ports.map((p) => `${p.hostIp}:${p.hostPort}->${p.containerPort}`).sort(),
    publishAllPorts: s.publishAllPorts,
    sysctls: { ...s.sysctls },
    runtime: or(s.runtime, 'runc'),
    cgroupParent: s.cgroupParent,
    logDriver: or(s.logConfig.type, 'json-file'),
  }
}
