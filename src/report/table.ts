import picocolors from 'picocolors'
import type { Severity } from '../model/finding.js'
import { ruleLabel } from './rule-info.js'
import type { ScanFinding, ScanReport } from './scan-report.js'

type Paint = (s: string) => string
type Colors = ReturnType<typeof picocolors.createColors>
const { createColors } = picocolors

const severityPaint = (c: Colors): Record<Severity, Paint> => ({
  critical: (s) => c.bold(c.red(s)),
  high: c.red,
  medium: c.yellow,
  low: c.cyan,
  info: c.dim,
})
const resultPaint = (c: Colors): Record<ScanFinding['result'], Paint> => ({
  fail: c.red,
  warn: c.yellow,
  error: c.magenta,
})

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - s.length))
}

function ruleName(f: ScanFinding): string {
  return ruleLabel(f.ruleId, f.slug)
}

function where(f: ScanFinding): string {
  return f.line === undefined ? '-' : `${f.line}:${f.column ?? 1}`
}

/**
 * The report for people: findings grouped by file (then by line), one line each with position,
 * result, severity, rule, workload and message; suppressed findings marked with their reason; a
 * summary at the end. Colour only when `color` (a TTY without NO_COLOR).
 *
 * @example process.stdout.write(renderTable(report, { color: process.stdout.isTTY && !process.env.NO_COLOR }))
 */
export function renderTable(report: ScanReport, opts: { color: boolean }): string {
  const pc = createColors(opts.color)
  const SEVERITY_PAINT = severityPaint(pc)
  const RESULT_PAINT = resultPaint(pc)
  const c = (paint: Paint, s: string) => paint(s)
  const byFile = new Map<string, ScanFinding[]>()
  for (const f of report.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f])
  const lines: string[] = []
  for (const [file, findings] of byFile) {
    lines.push(c(pc.underline, file))
    const posWidth = Math.max(...findings.map((f) => where(f).length))
    const ruleWidth = Math.max(...findings.map((f) => ruleName(f).length))
    for (const f of findings) {
      const result = f.suppression ? 'suppressed' : f.result
      const cells = [
        pad(where(f), posWidth),
        c(f.suppression ? pc.dim : RESULT_PAINT[f.result], pad(result, 10)),
        c(SEVERITY_PAINT[f.severity], pad(f.severity, 8)),
        pad(ruleName(f), ruleWidth),
        `${f.workload ? `${f.workload}: ` : ''}${f.message}`,
      ]
      lines.push(`  ${cells.join('  ')}`)
      if (f.suppression) {
        const until = f.suppression.until ? ` until ${f.suppression.until}` : ''
        lines.push(
          c(
            pc.dim,
            `  ${' '.repeat(posWidth)}  ↳ ${f.suppression.kind} ${f.suppression.source}${until}: ${f.suppression.reason}`,
          ),
        )
      }
    }
    lines.push('')
  }
  const skippedSources = report.sources.filter((x) => x.status === 'skipped')
  if (skippedSources.length) {
    lines.push(c(pc.dim, 'not scanned:'))
    for (const x of skippedSources) lines.push(c(pc.dim, `  ${x.file}: ${x.reason ?? 'skipped'}`))
    lines.push('')
  }
  const s = report.summary
  const counts = `${s.findings.fail} fail, ${s.findings.warn} warn, ${s.findings.error} error, ${s.findings.suppressed} suppressed`
  const scope = `${s.sources} source${s.sources === 1 ? '' : 's'}, ${s.workloads} workload${s.workloads === 1 ? '' : 's'}`
  const skipped = skippedSources.length
  const verdict = report.passed ? c(pc.green, 'PASSED') : c(pc.red, 'FAILED')
  lines.push(
    `${verdict} ${counts} — ${scope}${skipped ? `, ${skipped} skipped` : ''} (profile ${report.profile}, fail on ${report.failOn})`,
  )
  return `${lines.join('\n')}\n`
}
