import { ruleLabel } from '../report/rule-info.js'
import type { FixResult } from './fix-files.js'
import type { FixEntry } from './plan-fixes.js'

function where(e: FixEntry): string {
  return e.line === undefined ? e.file : `${e.file}:${e.line}`
}

/**
 * What `airlock fix` did or would do, for people: the fixes by file and workload, then every finding
 * left alone with the reason.
 *
 * @example process.stderr.write(fixSummary(result, false))
 */
export function fixSummary(result: FixResult, written: boolean): string {
  const lines: string[] = []
  const files = result.changes.length
  if (result.fixed.length) {
    const verb = written ? 'fixed' : 'would fix'
    lines.push(
      `${verb} ${result.fixed.length} finding${result.fixed.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}:`,
    )
    const seen = new Set<string>()
    for (const e of result.fixed) {
      const key = `${e.file}\0${e.workload}\0${e.ruleId}`
      if (seen.has(key)) continue
      seen.add(key)
      lines.push(`  ${e.file}  ${e.workload}  ${ruleLabel(e.ruleId, e.slug)}: ${e.change}`)
    }
  } else lines.push('nothing to fix automatically')
  if (result.notFixed.length) {
    lines.push('', `not fixed (${result.notFixed.length}):`)
    for (const e of result.notFixed) {
      lines.push(`  ${where(e)}  ${e.workload}  ${ruleLabel(e.ruleId, e.slug)}: ${e.message} — ${e.reason}`)
    }
  }
  return `${lines.join('\n')}\n`
}
