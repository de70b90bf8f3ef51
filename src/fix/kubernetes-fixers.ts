import { isScalar } from 'yaml'
import { parseQuantity } from '../adapters/kubernetes/parse-quantity.js'
import { normalizeCapability } from '../model/capabilities.js'
import { capabilitiesToKeep } from './capabilities-to-keep.js'
import { cpuCount, fixLimits, kubernetesBytes } from './limit-values.js'
import { type FixTarget, fixed, type RuleFix, type RuleFixer, refused } from './rule-fixer.js'
import { unfixableReason } from './unfixable.js'
import { nodeAt } from './yaml-editor.js'

const SC = 'securityContext'

const dropAll: RuleFixer = (t, findings) => {
  const out: RuleFix = { fixed: [], notFixed: [] }
  for (const f of findings) {
    if (f.path?.[0] !== 'capAdd') continue
    const cap = normalizeCapability(t.spec.capAdd[f.path[1] as number] ?? '')
    out.notFixed.push({ finding: f, reason: `${cap} is added: ${unfixableReason('AL-0022')}` })
  }
  if (findings.some((f) => f.path?.[0] === 'capDrop')) {
    const keep = capabilitiesToKeep(t.spec, t.policy.settings.allowedCapabilities)
    t.editor.set(t.map, [SC, 'capabilities', 'drop'], ['ALL'])
    if (keep.length) t.editor.append(t.map, [SC, 'capabilities', 'add'], keep)
    out.fixed.push(
      `capabilities.drop: ["ALL"]${keep.length ? `, capabilities.add keeps ${keep.join(', ')}` : ''}`,
    )
  }
  return out
}

const noEscalation: RuleFixer = (t, findings) => {
  if (t.spec.privileged || t.spec.capAdd.some((c) => normalizeCapability(c) === 'CAP_SYS_ADMIN')) {
    return refused(
      findings,
      'Kubernetes refuses allowPrivilegeEscalation: false on a privileged container or one that adds CAP_SYS_ADMIN',
    )
  }
  t.editor.set(t.map, [SC, 'allowPrivilegeEscalation'], false)
  return fixed('allowPrivilegeEscalation: false')
}

/** A volume name for the container's /tmp that the pod does not use yet. */
function tmpVolume(t: FixTarget): string {
  const taken = t.podVolumes ?? new Set<string>()
  const name =
    ['tmp', `tmp-${t.containerName ?? 'container'}`].find((n) => !taken.has(n)) ?? `tmp-${taken.size}`
  taken.add(name)
  return name.slice(0, 63)
}

const readOnly: RuleFixer = (t) => {
  t.editor.set(t.map, [SC, 'readOnlyRootFilesystem'], true)
  if (!t.pod || t.spec.mounts.some((m) => m.target === '/tmp')) return fixed('readOnlyRootFilesystem: true')
  const name = tmpVolume(t)
  t.editor.append(t.map, ['volumeMounts'], [{ name, mountPath: '/tmp' }])
  t.editor.append(t.pod, ['volumes'], [{ name, emptyDir: {} }])
  return fixed(`readOnlyRootFilesystem: true, emptyDir volume "${name}" at /tmp`)
}

const nonRoot: RuleFixer = (t, findings) => {
  const groups = findings.filter((f) => f.path?.[0] === 'groupAdd')
  const out = refused(
    groups,
    'a supplementary group is root (gid 0) on purpose; remove it if the workload does not need it',
  )
  const user = findings.filter((f) => f.path?.[0] !== 'groupAdd')
  if (!user.length) return out
  if (t.spec.user !== '') {
    const reason = `runAsUser/runAsGroup is set to "${t.spec.user}" on purpose; choose a non-root UID and GID the image supports`
    return { fixed: [], notFixed: [...out.notFixed, ...refused(user, reason).notFixed] }
  }
  t.editor.set(t.map, [SC, 'runAsNonRoot'], true)
  return {
    ...out,
    fixed: ['runAsNonRoot: true (the kubelet refuses to start the container if its image runs as root)'],
  }
}

const seccomp: RuleFixer = (t, findings) => {
  if (t.spec.security.seccomp !== 'unconfined')
    return refused(findings, 'the seccomp profile is a custom one; check what it allows by hand')
  t.editor.set(t.map, [SC, 'seccompProfile'], { type: 'RuntimeDefault' })
  return fixed('seccompProfile: {type: RuntimeDefault}')
}

const explicit = (what: string) =>
  `${what} is set explicitly to unlimited; choose a limit the workload stays under`

/** The container's request for a resource as written and as a number; a limit below it is refused by the API. */
function request(t: FixTarget, resource: 'memory' | 'cpu'): { text: string; value: number } | undefined {
  const n = nodeAt(t.map, ['resources', 'requests', resource])
  if (!isScalar(n) || (typeof n.value !== 'string' && typeof n.value !== 'number')) return undefined
  try {
    return { text: String(n.value), value: parseQuantity(n.value) }
  } catch {
    return undefined
  }
}

const memory: RuleFixer = (t, findings) => {
  if (t.spec.resources.memory !== undefined) return refused(findings, explicit('the memory limit'))
  const fallback = fixLimits(t.policy.defaults).memory
  const req = request(t, 'memory')
  const value = req && req.value > fallback ? req.text : kubernetesBytes(fallback)
  t.editor.set(t.map, ['resources', 'limits', 'memory'], value)
  return fixed(`resources.limits.memory: ${value}${req && req.value > fallback ? ' (its request)' : ''}`)
}

const cpu: RuleFixer = (t) => {
  const fallback = fixLimits(t.policy.defaults).nanoCpus
  const req = request(t, 'cpu')
  const value = req && req.value * 1e9 > fallback ? req.text : cpuCount(fallback, true)
  t.editor.set(t.map, ['resources', 'limits', 'cpu'], value)
  return fixed(`resources.limits.cpu: ${value}`)
}

const pids: RuleFixer = (_t, findings) =>
  refused(
    findings,
    'Kubernetes has no per-container PIDs limit in the manifest; set the kubelet podPidsLimit on the nodes',
  )

/**
 * The rules `airlock fix` can fix in a Kubernetes container, and how. Every other rule is listed as
 * not fixed, with the reason from `unfixableReason`.
 */
export const KUBERNETES_FIXERS: Readonly<Record<string, RuleFixer>> = {
  'AL-0022': dropAll,
  'AL-0023': noEscalation,
  'AL-0024': readOnly,
  'AL-0025': nonRoot,
  'AL-0026': seccomp,
  'AL-0040': memory,
  'AL-0041': cpu,
  'AL-0042': pids,
}
