import { SCAN_REPORT_SCHEMA_ID, type ScanReport } from './scan-report.js'

/**
 * The report as JSON: the ScanReport object as is, with `$schema` naming its published schema
 * (`schema/scan-report.schema.json`). Stable: fields are only added, `version` changes otherwise.
 *
 * @example JSON.parse(renderJson(report)).summary.findings.fail // 3
 */
export function renderJson(report: ScanReport): string {
  return `${JSON.stringify({ $schema: SCAN_REPORT_SCHEMA_ID, ...report }, null, 2)}\n`
}
