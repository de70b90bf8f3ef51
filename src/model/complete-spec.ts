import type { ContainerSpec, ContainerSpecInput } from './container-spec.js'

/**
 * Fills dockerd's defaults into a partial ContainerSpec without validating it: the fast path for
 * adapters, whose output is typed already. Equal to `ContainerSpec.parse(input)` for every valid
 * input (a property test holds the two together); use `containerSpec()` for untrusted input.
 *
 * @example completeSpec({ privileged: true }).capAdd // []
 */
export function completeSpec(i: ContainerSpecInput): ContainerSpec {
  const ns = i.namespaces ?? {}
  const sec = i.security ?? {}
  const res = i.resources ?? {}
  const log = i.logConfig ?? {}
  const rp = i.restartPolicy ?? {}
  const out: ContainerSpec = {
    image: i.image ?? '',
    user: i.user ?? '',
    groupAdd: i.groupAdd ?? [],
    command: i.command ?? [],
    entrypoint: i.entrypoint ?? [],
    env: i.env ?? [],
    labels: i.labels ?? {},
    workingDir: i.workingDir ?? '',
    privileged: i.privileged ?? false,
    capAdd: i.capAdd ?? [],
    capDrop: i.capDrop ?? [],
    namespaces: {
      network: ns.network ?? '',
      pid: ns.pid ?? '',
      ipc: ns.ipc ?? '',
      uts: ns.uts ?? '',
      user: ns.user ?? '',
      cgroup: ns.cgroup ?? '',
      cgroupSpec: ns.cgroupSpec ?? '',
      joinedHost: ns.joinedHost ?? [],
    },
    security: {
      selinux: sec.selinux ?? [],
      systempathsUnconfined: sec.systempathsUnconfined ?? false,
      other: sec.other ?? [],
    },
    readOnlyRootfs: i.readOnlyRootfs ?? false,
    mounts: (i.mounts ?? []).map((m) => ({ ...m, source: m.source ?? '', readOnly: m.readOnly ?? false })),
    volumesFrom: i.volumesFrom ?? [],
    devices: (i.devices ?? []).map((d) => ({
      ...d,
      pathInContainer: d.pathInContainer ?? '',
      permissions: d.permissions ?? 'rwm',
    })),
    deviceCgroupRules: i.deviceCgroupRules ?? [],
    deviceRequests: (i.deviceRequests ?? []).map((d) => ({
      driver: d.driver ?? '',
      count: d.count ?? 0,
      deviceIds: d.deviceIds ?? [],
      capabilities: d.capabilities ?? [],
    })),
    resources: { ...res, ulimits: res.ulimits ?? [] },
    ports: (i.ports ?? []).map((p) => ({ ...p, hostIp: p.hostIp ?? '', hostPort: p.hostPort ?? '' })),
    publishAllPorts: i.publishAllPorts ?? false,
    exposedPorts: i.exposedPorts ?? [],
    sysctls: i.sysctls ?? {},
    runtime: i.runtime ?? '',
    cgroupParent: i.cgroupParent ?? '',
    logConfig: { type: log.type ?? '', config: log.config ?? {} },
    restartPolicy: { name: rp.name ?? '', maximumRetryCount: rp.maximumRetryCount ?? 0 },
    networks: i.networks ?? [],
    links: i.links ?? [],
    extraHosts: i.extraHosts ?? [],
    dns: i.dns ?? [],
    storageOpt: i.storageOpt ?? {},
    isolation: i.isolation ?? '',
    autoRemove: i.autoRemove ?? false,
    annotations: i.annotations ?? {},
  }
  if (i.name !== undefined) out.name = i.name
  if (i.imageUser !== undefined) out.imageUser = i.imageUser
  if (sec.noNewPrivileges !== undefined) out.security.noNewPrivileges = sec.noNewPrivileges
  if (sec.seccomp !== undefined) out.security.seccomp = sec.seccomp
  if (sec.apparmor !== undefined) out.security.apparmor = sec.apparmor
  if (i.maskedPaths !== undefined) out.maskedPaths = i.maskedPaths
  if (i.readonlyPaths !== undefined) out.readonlyPaths = i.readonlyPaths
  if (i.healthcheck !== undefined)
    out.healthcheck = { test: i.healthcheck.test ?? [], disabled: i.healthcheck.disabled ?? false }
  if (i.init !== undefined) out.init = i.init
  return out
}
