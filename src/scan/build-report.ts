import { SEVERITIES } from '../model/finding.js'
import type { Profile } from '../policy/policy.js'
import {
  SCAN_REPORT_VERSION,
  type ScanFinding,
  type ScannedSource,
  type ScanReport,
} from '../report/scan-report.js'
import { countsAgainst, type FailOn } from './fail-on.js'

/** The version reports name as the tool's. */
export const AIRLOCK_VERSION = '0.1.0'

/** Code-unit order: stable across locales, and fast on large reports. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function compare(a: ScanFinding, b: ScanFinding): number {
  return (
    cmp(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.workload ?? '', b.workload ?? '') ||
    cmp(a.message, b.message)
  )
}

/**
 * Assembles the report every format renders: findings sorted, counted by result and severity, and
 * `passed` decided by `failOn`.
 *
 * @example buildReport({ root: '/repo', findings, sources, failOn: 'fail', ... }).passed
 */
export function buildReport(input: {
  root: string
  profile: Profile
  policy: string
  failOn: FailOn
  now: Date
  sources: ScannedSource[]
  findings: ScanFinding[]
}): ScanReport {
  const findings = [...input.findings].sort(compare)
  const live = findings.filter((f) => !f.suppression)
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as ScanReport['summary']['bySeverity']
  for (const f of live) if (f.result !== 'error' && !f.ruleId.startsWith('scan/')) bySeverity[f.severity]++
  const sources = [...input.sources].sort((a, b) => cmp(a.file, b.file))
  return {
    version: SCAN_REPORT_VERSION,
    tool: { name: 'airlock', version: AIRLOCK_VERSION },
    generatedAt: input.now.toISOString(),
    root: input.root,
    profile: input.profile,
    policy: input.policy,
    failOn: input.failOn,
    passed: !findings.some((f) => countsAgainst(f, input.failOn)),
    summary: {
      sources: sources.filter((s) => s.status !== 'skipped').length,
      workloads: sources.reduce((n, s) => n + s.workloads, 0),
      findings: {
        fail: live.filter((f) => f.result === 'fail').length,
        warn: live.filter((f) => f.result === 'warn').length,
        error: live.filter((f) => f.result === 'error').length,
        suppressed: findings.length - live.length,
      },
      bySeverity,
    },
    sources,
    findings,
  }
}
