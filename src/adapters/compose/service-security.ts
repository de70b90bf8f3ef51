import { isKnownCapability, normalizeCapability } from '../../model/capabilities.js'
import type { Namespaces, SecurityOptions } from '../../model/container-spec.js'
import { parseSecurityOpts } from '../docker-create/parse-security-opts.js'
import { securityOptPaths } from '../docker-run/security-opt-paths.js'
import { asBool, asInt, asList, asString, ComposeValueError, child } from './compose-values.js'
import { field, guard, mark, type ServiceContext } from './service-context.js'
import type { YNode } from './yaml-tree.js'

function capabilities(ctx: ServiceContext, key: 'cap_add' | 'cap_drop', path: 'capAdd' | 'capDrop'): void {
  const out: string[] = []
  field(ctx, key, (list) => {
    for (const n of asList(list)) {
      guard(ctx, n, () => {
        const c = normalizeCapability(asString(n))
        if (!isKnownCapability(c))
          throw new ComposeValueError(`unknown capability "${asString(n)}" (dockerd refuses it)`, n)
        mark(ctx, [path, out.length], n)
        out.push(c)
      })
    }
  })
  ctx.spec[path] = out
}

/** compose's parseSecurityOpts, then dockerd's: one entry at a time, so one bad entry is one error. */
function securityOpts(ctx: ServiceContext): SecurityOptions {
  const out: SecurityOptions = { selinux: [], systempathsUnconfined: false, other: [] }
  field(ctx, 'security_opt', (list) => {
    const items = asList(list)
    const values = items.map((n) => asString(n))
    const paths = securityOptPaths(values)
    items.forEach((n, i) => {
      guard(ctx, n, () => {
        const v = values[i] as string
        if (v === 'systempaths=unconfined') out.systempathsUnconfined = true
        else {
          if (v !== 'no-new-privileges' && !/[=:]/.test(v))
            throw new ComposeValueError(`invalid security-opt: "${v}"`, n)
          const one = parseSecurityOpts([v])
          if (one.noNewPrivileges !== undefined) out.noNewPrivileges = one.noNewPrivileges
          if (one.seccomp !== undefined) out.seccomp = one.seccomp
          if (one.apparmor !== undefined) out.apparmor = one.apparmor
          out.selinux.push(...one.selinux)
        }
        const path = paths[i]
        if (path) mark(ctx, path, n)
      })
    })
  })
  return out
}

/** `service:x` (compose) is `container:x` (dockerd) for network, pid and ipc modes. */
function mode(n: YNode): string {
  const v = asString(n)
  return v.startsWith('service:') ? `container:${v.slice('service:'.length)}` : v
}

/** A project network's name on the daemon: `name:`, the key for external networks, else `<project>_<key>`. */
function networkName(ctx: ServiceContext, key: string): string {
  const def = child(ctx.root.entries.get('networks'), key)
  const name = child(def, 'name')
  if (name) return asString(name)
  const external = child(def, 'external')
  const externalName = child(external, 'name')
  if (externalName) return asString(externalName)
  if (external && (external.kind === 'map' || asBool(external))) return key
  return `${ctx.project}_${key}`
}

function networks(ctx: ServiceContext, ns: Namespaces): void {
  const modeNode = ctx.service.entries.get('network_mode')
  if (modeNode) {
    guard(ctx, modeNode, () => {
      ns.network = mode(modeNode)
      mark(ctx, ['namespaces', 'network'], modeNode)
    })
    return
  }
  const node = ctx.service.entries.get('networks')
  const entries: { key: string; priority: number; node: YNode | undefined }[] = []
  if (node?.kind === 'map') {
    for (const [key, v] of node.entries) {
      const p = child(v, 'priority')
      entries.push({ key, priority: p ? asInt(p) : 0, node: v })
    }
  } else if (node) {
    for (const n of asList(node)) entries.push({ key: asString(n), priority: 0, node: n })
  } else entries.push({ key: 'default', priority: 0, node: undefined })
  entries.sort((a, b) => b.priority - a.priority || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const names = entries.map((e) => networkName(ctx, e.key))
  ns.network = names[0] ?? ''
  ctx.spec.networks = names
  entries.forEach((e, i) => {
    if (!e.node) return
    mark(ctx, ['networks', i], e.node)
    if (i === 0) mark(ctx, ['namespaces', 'network'], e.node)
  })
}

/**
 * The privilege settings of a compose service: `privileged`, `user`, `group_add`, `cap_add` /
 * `cap_drop` (normalized as dockerd does), `security_opt` (`no-new-privileges[:true]`,
 * `seccomp:unconfined` / `seccomp=...`, `apparmor:...`, `label:...`, `systempaths=unconfined`),
 * `read_only`, and the namespaces: `network_mode` (`service:x` is `container:x`) or the networks
 * the service joins, `pid`, `ipc`, `uts`, `userns_mode`, `cgroup`, `cgroup_parent`.
 *
 * @example serviceSecurity(ctx) // ctx.spec.capAdd = ['CAP_NET_ADMIN']
 */
export function serviceSecurity(ctx: ServiceContext): void {
  const s = ctx.spec
  field(ctx, 'privileged', (n) => {
    s.privileged = asBool(n, 'privileged')
    mark(ctx, ['privileged'], n)
  })
  field(ctx, 'read_only', (n) => {
    s.readOnlyRootfs = asBool(n, 'read_only')
    mark(ctx, ['readOnlyRootfs'], n)
  })
  field(ctx, 'user', (n) => {
    s.user = asString(n, 'user')
    mark(ctx, ['user'], n)
  })
  field(ctx, 'group_add', (n) => {
    s.groupAdd = asList(n).map((g, i) => {
      mark(ctx, ['groupAdd', i], g)
      return asString(g)
    })
  })
  capabilities(ctx, 'cap_add', 'capAdd')
  capabilities(ctx, 'cap_drop', 'capDrop')
  s.security = securityOpts(ctx)
  const ns: Namespaces = {
    network: '',
    pid: '',
    ipc: '',
    uts: '',
    user: '',
    cgroup: '',
    cgroupSpec: '',
    joinedHost: [],
  }
  guard(ctx, ctx.service.entries.get('networks') ?? ctx.service, () => networks(ctx, ns))
  for (const [key, target] of [
    ['pid', 'pid'],
    ['ipc', 'ipc'],
    ['uts', 'uts'],
    ['userns_mode', 'user'],
    ['cgroup', 'cgroup'],
  ] as const) {
    field(ctx, key, (n) => {
      ns[target] = mode(n)
      mark(ctx, ['namespaces', target], n)
    })
  }
  s.namespaces = ns
  field(ctx, 'cgroup_parent', (n) => {
    s.cgroupParent = asString(n)
    mark(ctx, ['cgroupParent'], n)
  })
}
