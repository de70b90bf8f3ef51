import { severityRank } from '../model/finding.js'
import type { ScanFinding } from '../report/scan-report.js'

/** What makes `airlock scan` exit 1: any enforce-mode finding (`fail`), or findings of a minimum severity. */
export type FailOn = 'fail' | 'critical' | 'high' | 'medium' | 'low'

/**
 * Whether a finding makes the scan fail: never when suppressed or when it is a scanner check
 * (`error` results, expired suppressions); with `fail`, every `fail` result; with a severity, every
 * `fail` or `warn` result at or above it.
 *
 * @example countsAgainst({ result: 'warn', severity: 'high', ... }, 'medium') // true
 */
export function countsAgainst(f: ScanFinding, failOn: FailOn): boolean {
  if (f.suppression || f.result === 'error' || f.ruleId.startsWith('scan/')) return false
  if (failOn === 'fail') return f.result === 'fail'
  return severityRank(f.severity) >= severityRank(failOn)
}
