import { isMap, isScalar } from 'yaml'
import { normalizeCapability } from '../model/capabilities.js'
import { buildUser } from './build-user.js'
import { capabilitiesToKeep } from './capabilities-to-keep.js'
import { composeBytes, cpuCount, fixLimits } from './limit-values.js'
import { type FixTarget, fixed, type RuleFix, type RuleFixer, refused } from './rule-fixer.js'
import { unfixableReason } from './unfixable.js'
import { nodeAt, pairOf } from './yaml-editor.js'

const NNP = /^no-new-privileges(?:[:=].*)?$/
const SECCOMP_UNCONFINED = /^seccomp[:=]unconfined$/

/** Resource limits go where the file keeps them: `deploy.resources.limits` when it has that, else the service keys. */
function setLimit(t: FixTarget, deployKey: string, serviceKey: string, value: string | number): string {
  if (isMap(nodeAt(t.map, ['deploy', 'resources']))) {
    t.editor.set(t.map, ['deploy', 'resources', 'limits', deployKey], value)
    return `deploy.resources.limits.${deployKey}: ${value}`
  }
  t.editor.set(t.map, [serviceKey], value)
  return `${serviceKey}: ${value}`
}

/**
 * Whether the service has a `key` list only through a YAML merge key (`<<: *defaults`): a local
 * list would replace the inherited one. `has` says whether the service's spec has such entries.
 */
function inherited(t: FixTarget, key: string, has: boolean): boolean {
  return has && !pairOf(t.map, key) && t.map.items.some((p) => isScalar(p.key) && p.key.value === '<<')
}

function hasSecurityOpts(t: FixTarget): boolean {
  const s = t.spec.security
  return (
    s.noNewPrivileges !== undefined ||
    s.seccomp !== undefined ||
    s.apparmor !== undefined ||
    s.selinux.length > 0 ||
    s.other.length > 0 ||
    s.systempathsUnconfined
  )
}

const mergeReason = (key: string) =>
  `the service inherits ${key} through a YAML merge key (<<); a list written here would replace the inherited one, so change it where it is defined`

const dropAll: RuleFixer = (t, findings) => {
  const out: RuleFix = { fixed: [], notFixed: [] }
  for (const f of findings) {
    if (f.path?.[0] !== 'capAdd') continue
    const cap = normalizeCapability(t.spec.capAdd[f.path[1] as number] ?? '')
    out.notFixed.push({ finding: f, reason: `${cap} is added: ${unfixableReason('AL-0022')}` })
  }
  const dropping = findings.filter((f) => f.path?.[0] === 'capDrop')
  if (dropping.length) {
    const keep = capabilitiesToKeep(t.spec, t.policy.settings.allowedCapabilities)
    if (keep.length && inherited(t, 'cap_add', t.spec.capAdd.length > 0))
      return { ...out, notFixed: [...out.notFixed, ...refused(dropping, mergeReason('cap_add')).notFixed] }
    t.editor.set(t.map, ['cap_drop'], ['ALL'])
    if (keep.length) t.editor.append(t.map, ['cap_add'], keep)
    out.fixed.push(`cap_drop: [ALL]${keep.length ? `, cap_add keeps ${keep.join(', ')}` : ''}`)
  }
  return out
}

const noNewPrivileges: RuleFixer = (t, findings) => {
  if (inherited(t, 'security_opt', hasSecurityOpts(t))) return refused(findings, mergeReason('security_opt'))
  t.editor.remove(t.map, ['security_opt'], (v) => typeof v === 'string' && NNP.test(v))
  t.editor.append(t.map, ['security_opt'], ['no-new-privileges:true'])
  return fixed('security_opt: no-new-privileges:true')
}

/**
 * Directories a read-only container most often needs writable: scratch files, and PID files and
 * sockets (/var/run is /run in most images). Compose mounts secrets below /run after a tmpfs there.
 */
const WRITABLE = ['/tmp', '/run']

const readOnly: RuleFixer = (t, findings) => {
  const missing = WRITABLE.filter((dir) => !t.spec.mounts.some((m) => m.target === dir))
  if (
    missing.length &&
    inherited(
      t,
      'tmpfs',
      t.spec.mounts.some((m) => m.type === 'tmpfs'),
    )
  )
    return refused(findings, mergeReason('tmpfs'))
  t.editor.set(t.map, ['read_only'], true)
  if (missing.length === 0) return fixed('read_only: true')
  t.editor.append(t.map, ['tmpfs'], missing)
  return fixed(`read_only: true, tmpfs: ${missing.join(', ')}`)
}

const nonRoot: RuleFixer = (t, findings) => {
  const groups = findings.filter((f) => f.path?.[0] === 'groupAdd')
  const out = refused(
    groups,
    'a supplementary group is root (gid 0) on purpose; remove it if the workload does not need it',
  )
  const user = findings.filter((f) => f.path?.[0] !== 'groupAdd')
  if (!user.length) return out
  const refuse = (reason: string) => ({
    fixed: [],
    notFixed: [...out.notFixed, ...refused(user, reason).notFixed],
  })
  if (t.spec.user !== '')
    return refuse(
      `user is set to "${t.spec.user}" on purpose; choose a non-root UID and GID the image supports`,
    )
  const build = (t.map.toJSON() as { build?: unknown }).build
  const image = build === undefined ? undefined : buildUser(build, t.projectDir ?? '.')
  if (!image) return refuse(unfixableReason('AL-0025'))
  t.editor.set(t.map, ['user'], image)
  return { ...out, fixed: [`user: "${image}" (the USER of the Dockerfile it builds)`] }
}

const seccomp: RuleFixer = (t, findings) => {
  const removed = t.editor.remove(
    t.map,
    ['security_opt'],
    (v) => typeof v === 'string' && SECCOMP_UNCONFINED.test(v),
  )
  if (!removed) return refused(findings, 'the seccomp profile is a custom one; check what it allows by hand')
  return fixed('removed seccomp:unconfined (the default profile applies)')
}

const explicit = (what: string) =>
  `${what} is set explicitly to unlimited; choose a limit the workload stays under`

const memory: RuleFixer = (t, findings) => {
  if (t.spec.resources.memory !== undefined) return refused(findings, explicit('the memory limit'))
  const bytes = Math.max(fixLimits(t.policy.defaults).memory, t.spec.resources.memoryReservation ?? 0)
  return fixed(setLimit(t, 'memory', 'mem_limit', composeBytes(bytes)))
}

const cpu: RuleFixer = (t) =>
  fixed(setLimit(t, 'cpus', 'cpus', cpuCount(fixLimits(t.policy.defaults).nanoCpus)))

const pids: RuleFixer = (t, findings) => {
  if (t.spec.resources.pidsLimit !== undefined) return refused(findings, explicit('the PIDs limit'))
  return fixed(setLimit(t, 'pids', 'pids_limit', fixLimits(t.policy.defaults).pidsLimit))
}

/**
 * The rules `airlock fix` can fix in a compose service, and how. Every other rule is listed as not
 * fixed, with the reason from `unfixableReason`.
 */
export const COMPOSE_FIXERS: Readonly<Record<string, RuleFixer>> = {
  'AL-0022': dropAll,
  'AL-0023': noNewPrivileges,
  'AL-0024': readOnly,
  'AL-0025': nonRoot,
  'AL-0026': seccomp,
  'AL-0040': memory,
  'AL-0041': cpu,
  'AL-0042': pids,
}
