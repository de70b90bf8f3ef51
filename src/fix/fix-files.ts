import { readFileSync } from 'node:fs'
import type { Workload } from '../adapters/workload.js'
import type { Policy } from '../policy/policy.js'
import type { ScanFinding, ScanReport } from '../report/scan-report.js'
import { scan } from '../scan/scan.js'
import type { ScanAdapters } from '../scan/scan-adapters.js'
import { displayPath } from '../scan/scan-root.js'
import {
  actionable,
  type FixEntry,
  findingKey,
  planFixes,
  type ScannedWorkload,
  workloadKey,
} from './plan-fixes.js'

export interface FixOptions {
  paths: readonly string[]
  policy: Policy
  adapters: ScanAdapters
  cwd?: string
  now?: Date
  env?: Record<string, string | undefined>
}

/** A file `airlock fix` changes: its text before and after. */
export interface FileChange {
  /** Absolute path. */
  path: string
  /** As reports show it (relative to the scan root). */
  file: string
  before: string
  after: string
}

/** What `airlock fix` would do: the file changes, the findings they fix, and those it leaves with the reason. */
export interface FixResult {
  root: string
  changes: FileChange[]
  fixed: FixEntry[]
  notFixed: FixEntry[]
}

async function scanWith(opts: FixOptions, overlay?: ReadonlyMap<string, string>) {
  const workloads: ScannedWorkload[] = []
  const report: ScanReport = await scan({
    paths: opts.paths,
    policy: opts.policy,
    adapters: opts.adapters,
    ...(opts.cwd && { cwd: opts.cwd }),
    ...(opts.now && { now: opts.now }),
    ...(opts.env && { env: opts.env }),
    ...(overlay && { overlay }),
    onWorkload: (workload: Workload, findings: readonly ScanFinding[]) =>
      workloads.push({ workload, findings }),
  })
  return { report, workloads }
}

const parseErrors = (r: ScanReport) => r.findings.filter((f) => f.ruleId === 'scan/parse-error').length

/**
 * Plans fixes for the compose files and Kubernetes manifests under `paths` and proves them: the
 * edited text is scanned again, and a rule's fix is kept only if its findings are gone and the
 * workload has no finding it did not have before. Fixes that do not verify are dropped (and listed
 * as not fixed) and the rest re-planned from the original text. Nothing is written.
 *
 * @example const { changes, notFixed } = await fixFiles({ paths: ['deploy'], policy, adapters })
 */
export async function fixFiles(opts: FixOptions): Promise<FixResult> {
  const before = await scanWith(opts)
  const root = before.report.root
  const original = new Map<string, string>()
  const read = (p: string) => {
    if (!original.has(p)) original.set(p, readFileSync(p, 'utf8'))
    return original.get(p) as string
  }
  const beforeIds = new Map(
    before.workloads.map((s) => [workloadKey(s.workload), new Set(actionable(s.findings).map(findingKey))]),
  )
  const excluded = new Map<string, string>()
  for (;;) {
    const known = excluded.size
    const plan = planFixes(before.workloads, opts.policy, root, excluded, read)
    if (plan.texts.size === 0) return { root, changes: [], fixed: [], notFixed: plan.notFixed }
    const after = await scanWith(opts, plan.texts)
    const afterIds = new Map(
      after.workloads.map((s) => [workloadKey(s.workload), new Set(actionable(s.findings).map(findingKey))]),
    )
    let rejected = 0
    for (const [key, rules] of plan.attempted) {
      const now = afterIds.get(key)
      const added = now ? [...now].filter((id) => !beforeIds.get(key)?.has(id)) : []
      for (const [ruleId, ids] of rules) {
        const stays = !now || [...ids].some((id) => now.has(id))
        if (!stays && added.length === 0) continue
        excluded.set(
          `${key}\0${ruleId}`,
          stays
            ? 'the change did not clear the finding when the fixed file was scanned again'
            : `the change would bring new findings (${[...new Set(added.map((a) => a.split('\0')[0]))].join(', ')})`,
        )
        rejected++
      }
    }
    if (parseErrors(after.report) > parseErrors(before.report)) {
      for (const [key, rules] of plan.attempted) {
        for (const ruleId of rules.keys()) excluded.set(`${key}\0${ruleId}`, 'the fixed file did not parse')
      }
      rejected++
    }
    if (rejected > 0 && excluded.size === known) {
      // Nothing left to drop, yet the result does not verify: change nothing.
      const reason = 'the fixed file did not verify when scanned again'
      return {
        root,
        changes: [],
        fixed: [],
        notFixed: [...plan.notFixed, ...plan.fixed.map(({ change: _, ...f }) => ({ ...f, reason }))],
      }
    }
    if (rejected === 0) {
      const changes = [...plan.texts].map(([path, after]) => ({
        path,
        file: displayPath(path, root),
        before: read(path),
        after,
      }))
      changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
      return { root, changes, fixed: plan.fixed, notFixed: plan.notFixed }
    }
  }
}
