import { renderJson } from './json.js'
import { renderJunit } from './junit.js'
import { reportRules } from './rule-info.js'
import { renderSarif } from './sarif.js'
import type { ScanReport } from './scan-report.js'
import { renderTable } from './table.js'

/** The output formats of `airlock scan`. A new one is one file here and one line below. */
export const REPORT_FORMATS = ['table', 'json', 'sarif', 'junit'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/**
 * Renders a scan report in one format. Every format is a view of the same report.
 *
 * @example process.stdout.write(renderReport('sarif', report, { color: false }))
 */
export function renderReport(format: ReportFormat, report: ScanReport, opts: { color: boolean }): string {
  switch (format) {
    case 'table':
      return renderTable(report, opts)
    case 'json':
      return renderJson(report)
    case 'sarif':
      return renderSarif(report, reportRules())
    case 'junit':
      return renderJunit(report)
  }
}
