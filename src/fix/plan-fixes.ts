import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml'
import type { Workload } from '../adapters/workload.js'
import type { Policy } from '../policy/policy.js'
import type { ScanFinding } from '../report/scan-report.js'
import { COMPOSE_FIXERS } from './compose-fixers.js'
import { KUBERNETES_FIXERS } from './kubernetes-fixers.js'
import type { FixTarget } from './rule-fixer.js'
import { unfixableReason } from './unfixable.js'
import { pairOf } from './yaml-editor.js'
import { composeService, kubernetesContainer, openYamlFile, type YamlFile } from './yaml-file.js'

/** A finding `airlock fix` changed, or left alone and why. */
export interface FixEntry {
  file: string
  line?: number
  workload: string
  ruleId: string
  slug: string
  message: string
  /** Where in the workload's ContainerSpec the finding was. */
  path?: (string | number)[]
  /** What was changed (fixed entries). */
  change?: string
  /** Why nothing was changed (entries not fixed). */
  reason?: string
}

/** A workload as the scan saw it, with its findings. */
export interface ScannedWorkload {
  workload: Workload
  findings: readonly ScanFinding[]
}

/** The edits for one round: new file texts, and what they fix or leave. */
export interface FixPlan {
  texts: Map<string, string>
  fixed: FixEntry[]
  notFixed: FixEntry[]
  /** Per workload key, the finding ids the edits are meant to clear, by rule. */
  attempted: Map<string, Map<string, Set<string>>>
}

/**
 * Identifies a workload across scans of the original and the fixed text.
 *
 * @example workloadKey(web) // 'k8s/app.yaml\0Deployment/web container web'
 */
export const workloadKey = (w: Workload) => `${w.location.file}\0${w.name}`
/**
 * Identifies a finding of a workload across scans: its rule and spec path without list indexes
 * (a fix that adds an item to a list moves the others).
 *
 * @example findingKey({ ruleId: 'AL-0022', path: ['capAdd', 2] }) // 'AL-0022\0capAdd'
 */
export const findingKey = (f: ScanFinding) =>
  `${f.ruleId}\0${(f.path ?? []).filter((p) => typeof p === 'string').join('.')}`

/**
 * The findings a fix should address: unsuppressed fail and warn results of policy rules.
 *
 * @example actionable(report.findings).every((f) => f.result !== 'error') // true
 */
export function actionable(findings: readonly ScanFinding[]): ScanFinding[] {
  return findings.filter((f) => f.result !== 'error' && !f.suppression && !f.ruleId.startsWith('scan/'))
}

function entry(f: ScanFinding, w: Workload, more: { change?: string; reason?: string }): FixEntry {
  return {
    file: f.file,
    ...(f.line !== undefined && { line: f.line }),
    workload: w.name,
    ruleId: f.ruleId,
    slug: f.slug,
    message: f.message,
    ...(f.path && { path: f.path }),
    ...more,
  }
}

function byPlace(a: FixEntry, b: FixEntry): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  )
}

function volumeNames(pod: YAMLMap): Set<string> {
  const vols = pairOf(pod, 'volumes')?.value
  const names = new Set<string>()
  if (isSeq(vols)) {
    for (const v of vols.items) {
      const name = isMap(v) ? pairOf(v, 'name')?.value : undefined
      if (isScalar(name)) names.add(String(name.value))
    }
  }
  return names
}

/**
 * Plans the edits that fix what can be fixed safely in compose services and Kubernetes containers:
 * each actionable finding goes to its rule's fixer, or is listed with the reason it is left alone.
 * `excluded` names (workload key, rule id) pairs a previous round showed the fix does not clear.
 *
 * @example const plan = planFixes(scanned, policy, '/repo', new Map())
 */
export function planFixes(
  scanned: readonly ScannedWorkload[],
  policy: Policy,
  root: string,
  excluded: ReadonlyMap<string, string>,
  read: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): FixPlan {
  const files = new Map<string, YamlFile | undefined>()
  const pods = new Map<YAMLMap, Set<string>>()
  const plan: FixPlan = { texts: new Map(), fixed: [], notFixed: [], attempted: new Map() }
  for (const { workload: w, findings } of scanned) {
    const todo = actionable(findings)
    if (!todo.length) continue
    const leave = (fs: readonly ScanFinding[], reason: string) =>
      plan.notFixed.push(...fs.map((f) => entry(f, w, { reason })))
    if (w.format !== 'compose' && w.format !== 'kubernetes') {
      leave(todo, 'airlock fix rewrites compose files and Kubernetes manifests only')
      continue
    }
    const abs = resolve(root, w.location.file)
    if (!files.has(abs))
      files.set(abs, openYamlFile(abs, read(abs), w.format === 'kubernetes' ? '1.1' : '1.2'))
    const file = files.get(abs)
    const compose = w.format === 'compose' ? file && composeService(file, w.location) : undefined
    const k8s = w.format === 'kubernetes' ? file && kubernetesContainer(file, w.location) : undefined
    const map = compose ?? k8s?.container
    if (!file || !map) {
      leave(
        todo,
        "its definition could not be found in the file's YAML (a template, an anchor or a merge key?)",
      )
      continue
    }
    if (k8s && !pods.has(k8s.pod)) pods.set(k8s.pod, volumeNames(k8s.pod))
    const target: FixTarget = {
      editor: file.editor,
      map,
      spec: w.spec,
      policy,
      projectDir: resolve(abs, '..'),
      ...(k8s && {
        pod: k8s.pod,
        podVolumes: pods.get(k8s.pod) as Set<string>,
        containerName: w.spec.name ?? '',
      }),
    }
    const fixers = w.format === 'compose' ? COMPOSE_FIXERS : KUBERNETES_FIXERS
    const byRule = new Map<string, ScanFinding[]>()
    for (const f of todo) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f])
    const attempted = new Map<string, Set<string>>()
    for (const [ruleId, fs] of byRule) {
      const fixer = fixers[ruleId]
      const why = excluded.get(`${workloadKey(w)}\0${ruleId}`)
      if (why !== undefined || !fixer) {
        leave(fs, why ?? unfixableReason(ruleId))
        continue
      }
      const result = fixer(target, fs)
      const left = new Set(result.notFixed.map((n) => n.finding))
      for (const n of result.notFixed) plan.notFixed.push(entry(n.finding, w, { reason: n.reason }))
      const done = fs.filter((f) => !left.has(f))
      if (done.length) attempted.set(ruleId, new Set(done.map(findingKey)))
      plan.fixed.push(...done.map((f) => entry(f, w, { change: result.fixed.join('; ') })))
    }
    if (attempted.size) plan.attempted.set(workloadKey(w), attempted)
  }
  for (const [abs, file] of files) if (file?.editor.changed) plan.texts.set(abs, file.editor.apply())
  plan.fixed.sort(byPlace)
  plan.notFixed.sort(byPlace)
  return plan
}
