import { isKnownCapability, normalizeCapability } from '../../model/capabilities.js'
import type { Namespaces, SecurityOptions } from '../../model/container-spec.js'
import { asBool, asInt, asList, asString, ComposeValueError, child } from '../compose/compose-values.js'
import type { YNode } from '../compose/yaml-tree.js'
import { guard, mark, type PodContext } from './pod-context.js'

/**
 * What `imageUser` is set to when `runAsNonRoot: true` and no `runAsUser` are given: the kubelet then
 * refuses to start the container unless the image's USER is a non-zero numeric uid, so whatever
 * the image says, the container runs as non-root or not at all. `userKind('', RUN_AS_NON_ROOT)` is
 * `non-root`.
 */
export const RUN_AS_NON_ROOT = 'non-root (runAsNonRoot)'

/** The pod network a container joins when it does not use the host's: not Docker's default bridge. */
export const POD_NETWORK = 'pod'

/** A securityContext setting: the container's, else the pod's (Kubernetes precedence). */
function setting(ctx: PodContext, key: string): YNode | undefined {
  return (
    child(child(ctx.container, 'securityContext'), key) ?? child(child(ctx.pod.spec, 'securityContext'), key)
  )
}

function capabilities(ctx: PodContext, key: 'add' | 'drop', path: 'capAdd' | 'capDrop'): string[] {
  const list = child(child(child(ctx.container, 'securityContext'), 'capabilities'), key)
  const out: string[] = []
  if (!list) return out
  for (const n of asList(list)) {
    guard(ctx, n, () => {
      const c = normalizeCapability(asString(n))
      if (!isKnownCapability(c)) throw new ComposeValueError(`unknown capability "${asString(n)}"`, n)
      mark(ctx, [path, out.length], n)
      out.push(c)
    })
  }
  return out
}

function profile(ctx: PodContext, n: YNode, path: string[], runtimeDefault: string): string | undefined {
  const type = child(n, 'type')
  const local = child(n, 'localhostProfile')
  mark(ctx, path, n)
  const t = type ? asString(type) : ''
  if (t === 'Unconfined') return 'unconfined'
  if (t === 'RuntimeDefault') return runtimeDefault
  if (t === 'Localhost') return local ? asString(local) : ''
  throw new ComposeValueError(`unknown profile type "${t}"`, type ?? n)
}

function apparmor(ctx: PodContext): string | undefined {
  const own = child(child(ctx.container, 'securityContext'), 'appArmorProfile')
  if (own) return profile(ctx, own, ['security', 'apparmor'], 'runtime/default')
  const annotations = child(ctx.pod.metadata, 'annotations')
  const annotation = child(annotations, `container.apparmor.security.beta.kubernetes.io/${ctx.containerName}`)
  if (annotation) {
    mark(ctx, ['security', 'apparmor'], annotation)
    const v = asString(annotation)
    return v.startsWith('localhost/') ? v.slice('localhost/'.length) : v
  }
  const pod = child(child(ctx.pod.spec, 'securityContext'), 'appArmorProfile')
  return pod ? profile(ctx, pod, ['security', 'apparmor'], 'runtime/default') : undefined
}

function security(ctx: PodContext): SecurityOptions {
  const out: SecurityOptions = { selinux: [], systempathsUnconfined: false, other: [] }
  const ape = child(child(ctx.container, 'securityContext'), 'allowPrivilegeEscalation')
  if (ape) {
    out.noNewPrivileges = !asBool(ape, 'allowPrivilegeEscalation')
    mark(ctx, ['security', 'noNewPrivileges'], ape)
  }
  const seccomp = setting(ctx, 'seccompProfile')
  if (seccomp)
    guard(ctx, seccomp, () => {
      const v = profile(ctx, seccomp, ['security', 'seccomp'], 'builtin')
      if (v !== undefined) out.seccomp = v
    })
  guard(ctx, ctx.container, () => {
    const v = apparmor(ctx)
    if (v !== undefined) out.apparmor = v
  })
  const selinux = setting(ctx, 'seLinuxOptions')
  if (selinux?.kind === 'map') {
    for (const key of ['user', 'role', 'type', 'level']) {
      const v = selinux.entries.get(key)
      if (!v) continue
      mark(ctx, ['security', 'selinux', out.selinux.length], v)
      out.selinux.push(`${key}:${asString(v)}`)
    }
  }
  return out
}

function user(ctx: PodContext): void {
  const uid = setting(ctx, 'runAsUser')
  const gid = setting(ctx, 'runAsGroup')
  const nonRoot = setting(ctx, 'runAsNonRoot')
  const u = uid ? String(asInt(uid, 'runAsUser')) : ''
  const g = gid ? String(asInt(gid, 'runAsGroup')) : undefined
  ctx.spec.user = g === undefined ? u : `${u}:${g}`
  mark(ctx, ['user'], uid ?? gid ?? nonRoot)
  if (!uid && nonRoot && asBool(nonRoot, 'runAsNonRoot')) ctx.spec.imageUser = RUN_AS_NON_ROOT
  const groups: string[] = []
  const psc = child(ctx.pod.spec, 'securityContext')
  for (const key of ['supplementalGroups', 'fsGroup']) {
    const n = child(psc, key)
    if (!n) continue
    for (const g2 of asList(n)) {
      mark(ctx, ['groupAdd', groups.length], g2)
      groups.push(String(asInt(g2, key)))
    }
  }
  ctx.spec.groupAdd = groups
}

function flag(ctx: PodContext, key: string): YNode | undefined {
  const n = child(ctx.pod.spec, key)
  return n && asBool(n, key) ? n : undefined
}

function namespaces(ctx: PodContext): Namespaces {
  const ns: Namespaces = {
    network: POD_NETWORK,
    pid: '',
    ipc: '',
    uts: '',
    user: '',
    cgroup: '',
    cgroupSpec: '',
    joinedHost: [],
  }
  const net = flag(ctx, 'hostNetwork')
  if (net) {
    // CRI runtimes give host-network pods the node's UTS namespace too.
    ns.network = 'host'
    ns.uts = 'host'
    mark(ctx, ['namespaces', 'network'], net)
    mark(ctx, ['namespaces', 'uts'], net)
  }
  const pid = flag(ctx, 'hostPID')
  if (pid) {
    ns.pid = 'host'
    mark(ctx, ['namespaces', 'pid'], pid)
  }
  const ipc = flag(ctx, 'hostIPC')
  if (ipc) {
    ns.ipc = 'host'
    mark(ctx, ['namespaces', 'ipc'], ipc)
  }
  const users = child(ctx.pod.spec, 'hostUsers')
  if (users && !asBool(users, 'hostUsers')) {
    ns.user = 'private'
    mark(ctx, ['namespaces', 'user'], users)
  }
  return ns
}

/**
 * The privilege settings of a pod's container, with Kubernetes precedence (the container's
 * securityContext over the pod's for runAsUser, runAsGroup, runAsNonRoot, seccompProfile,
 * seLinuxOptions; for AppArmor the container's field, then the
 * `container.apparmor.security.beta.kubernetes.io/<name>` annotation, then the pod's field):
 * user (`runAsUser[:runAsGroup]`; `runAsNonRoot: true` alone sets `imageUser` to RUN_AS_NON_ROOT),
 * supplementalGroups and fsGroup as groups, privileged, allowPrivilegeEscalation (false is
 * no-new-privileges), readOnlyRootFilesystem, capabilities (Kubernetes names, normalized),
 * procMount Unmasked (no masked or read-only /proc paths), seccomp (RuntimeDefault is `builtin`),
 * and the pod's hostNetwork, hostPID, hostIPC and hostUsers.
 *
 * @example podSecurity(ctx) // ctx.spec.security = { noNewPrivileges: true, seccomp: 'builtin', ... }
 */
export function podSecurity(ctx: PodContext): void {
  const sc = child(ctx.container, 'securityContext')
  const s = ctx.spec
  guard(ctx, sc ?? ctx.container, () => user(ctx))
  const privileged = child(sc, 'privileged')
  if (privileged)
    guard(ctx, privileged, () => {
      s.privileged = asBool(privileged, 'privileged')
      mark(ctx, ['privileged'], privileged)
    })
  const ro = child(sc, 'readOnlyRootFilesystem')
  if (ro)
    guard(ctx, ro, () => {
      s.readOnlyRootfs = asBool(ro, 'readOnlyRootFilesystem')
      mark(ctx, ['readOnlyRootfs'], ro)
    })
  const proc = child(sc, 'procMount')
  if (proc && asString(proc) === 'Unmasked') {
    s.maskedPaths = []
    s.readonlyPaths = []
    mark(ctx, ['maskedPaths'], proc)
    mark(ctx, ['readonlyPaths'], proc)
  }
  s.capAdd = capabilities(ctx, 'add', 'capAdd')
  s.capDrop = capabilities(ctx, 'drop', 'capDrop')
  guard(ctx, sc ?? ctx.container, () => {
    s.security = security(ctx)
  })
  guard(ctx, ctx.pod.spec, () => {
    s.namespaces = namespaces(ctx)
  })
}
