import type { Workload } from '../adapters/workload.js'
import type { Action } from '../model/action.js'
import { decide } from '../policy/decide.js'
import type { Policy } from '../policy/policy.js'
import type { ScanFinding } from '../report/scan-report.js'
import { RULE_ERROR } from './scan-checks.js'
import { displayPath } from './scan-root.js'

const RULE_FAILED = /^rule (AL-\d{4}) \S+ failed: /

/**
 * The policy the scanner decides with: the given one without secure defaults, because a file is
 * judged on what it says, not on what the proxy would inject into it. Build it once per scan
 * (`decide()` caches per policy object).
 *
 * @example const scanning = scanningPolicy(loadPolicy('policy.yaml'))
 */
export function scanningPolicy(policy: Policy): Policy {
  return { ...policy, defaults: {} }
}

/** Report paths by scan root and file: a scan names the same few files in thousands of findings. */
const shown = new Map<string, string>()

function shownPath(file: string, root: string): string {
  const key = `${root}\0${file}`
  let path = shown.get(key)
  if (path === undefined) {
    if (shown.size > 100_000) shown.clear()
    path = displayPath(file, root)
    shown.set(key, path)
  }
  return path
}

/**
 * A location in report form: URIs and lineless locations carry no line or column.
 *
 * @example reportLocation({ file: '/repo/k8s/app.yaml', line: 7, column: 9 }, '/repo') // { file: 'k8s/app.yaml', line: 7, column: 9 }
 */
export function reportLocation(
  loc: { file: string; line: number; column: number; endLine?: number; endColumn?: number },
  root: string,
): Pick<ScanFinding, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'> {
  const file = shownPath(loc.file, root)
  if (!(loc.line >= 1) || file.includes('://')) return { file }
  const out: Pick<ScanFinding, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'> = {
    file,
    line: loc.line,
    column: Math.max(1, loc.column),
  }
  if (loc.endLine !== undefined && loc.endLine >= loc.line) {
    out.endLine = loc.endLine
    if (loc.endColumn !== undefined) out.endColumn = Math.max(1, loc.endColumn)
  }
  return out
}

/**
 * Runs every enabled rule on one workload through `decide()` (mode, severity, exemptions by image and
 * label) and locates each finding with the workload's `locate`. Exempted findings carry their
 * suppression; a rule that threw becomes a `scan/rule-error` finding.
 *
 * @example evaluateWorkload(web, scanningPolicy(builtinPolicy('baseline')), '/repo', new Date())
 */
export function evaluateWorkload(w: Workload, policy: Policy, root: string, now: Date): ScanFinding[] {
  const act = { kind: 'container.create', spec: w.spec } as Action
  const decision = decide(act, policy, { now })
  const out: ScanFinding[] = []
  for (const f of decision.findings) {
    const path = f.path[0] === 'spec' ? f.path.slice(1) : f.path
    if (w.platformManaged?.some((m) => m.every((k, i) => path[i] === k))) continue
    const finding: ScanFinding = {
      ruleId: f.ruleId,
      slug: f.slug,
      title: f.title,
      severity: f.severity,
      result: f.result,
      message: f.message,
      remediation: f.remediation,
      ...reportLocation(w.locate(path), root),
      workload: w.name,
      format: w.format,
      path,
    }
    if (f.waivedBy)
      finding.suppression = { kind: 'policy-exemption', reason: f.waivedBy.reason, source: f.waivedBy.id }
    out.push(finding)
  }
  for (const warning of decision.warnings) {
    if (!RULE_FAILED.test(warning)) continue
    out.push({
      ruleId: RULE_ERROR.id,
      slug: RULE_ERROR.slug,
      title: RULE_ERROR.title,
      severity: RULE_ERROR.severity,
      result: 'error',
      message: warning,
      remediation: RULE_ERROR.remediation,
      ...reportLocation(w.location, root),
      workload: w.name,
      format: w.format,
    })
  }
  return out
}
