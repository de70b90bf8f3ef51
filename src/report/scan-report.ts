import { z } from 'zod'
import { SEVERITIES } from '../model/finding.js'

/** Version of the JSON report schema. Bumped on any incompatible change; additions keep it. */
export const SCAN_REPORT_VERSION = '1.0'

/** Where the JSON Schema of the report is published (and checked in, as `schema/scan-report.schema.json`). */
export const SCAN_REPORT_SCHEMA_ID = 'https://airlock.dev/schema/scan-report.schema.json'

const Path = z.array(z.union([z.string(), z.number()]))
const Line = z.number().int().positive()

/** Why a finding does not count: an inline comment, an `.airlockignore` entry, or a policy exemption. */
export const Suppression = z
  .object({
    kind: z.enum(['inline', 'airlockignore', 'policy-exemption']),
    reason: z.string(),
    until: z
      .string()
      .optional()
      .describe('Last day the suppression works (inclusive, YYYY-MM-DD), when it has one.'),
    source: z
      .string()
      .describe('Where it was written: `deploy/app.yaml:12`, `.airlockignore:3`, or the exemption name.'),
  })
  .describe('Present when the finding is suppressed: it is reported and does not count for the exit code.')
export type Suppression = z.infer<typeof Suppression>

/** The input formats findings come from; `daemon` is the live daemon's own posture. */
export const FINDING_FORMATS = [
  'compose',
  'kubernetes',
  'dockerfile',
  'docker-run',
  'docker-api',
  'container',
  'daemon',
] as const

/**
 * One finding, located. `fail` blocks (enforce mode), `warn` is reported only, `error` means a file,
 * a suppression or a rule could not be evaluated.
 */
export const ScanFinding = z.object({
  ruleId: z
    .string()
    .describe('Catalogue id (AL-0001) or a scanner check (scan/parse-error, scan/invalid-suppression, ...).'),
  slug: z.string(),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  result: z
    .enum(['fail', 'warn', 'error'])
    .describe(
      'fail: enforce-mode finding; warn: reported only; error: a file, suppression or rule could not be evaluated.',
    ),
  message: z.string(),
  remediation: z.string().optional(),
  file: z
    .string()
    .describe(
      'Relative to `root` with forward slashes, an absolute path outside it, or a URI for live objects (docker://web, unix:///var/run/docker.sock).',
    ),
  line: Line.optional().describe('1-based; absent for live objects, which have no lines.'),
  column: Line.optional(),
  endLine: Line.optional(),
  endColumn: Line.optional(),
  workload: z
    .string()
    .optional()
    .describe('service web, Deployment/api container app, container web, daemon, ...'),
  format: z.enum(FINDING_FORMATS).optional(),
  path: Path.optional().describe(
    'Where in the normalized ContainerSpec (or DaemonPosture) the rule found the problem.',
  ),
  suppression: Suppression.optional(),
})
export type ScanFinding = z.infer<typeof ScanFinding>

/** A file or live object the scan looked at. */
export const ScannedSource = z.object({
  file: z.string(),
  format: z.enum(FINDING_FORMATS).optional(),
  status: z.enum(['scanned', 'skipped', 'error']),
  workloads: z.number().int().nonnegative(),
  workloadNames: z.array(z.string()).optional().describe('The workloads found in it.'),
  reason: z.string().optional().describe('Why a source was skipped or could not be scanned.'),
})
export type ScannedSource = z.infer<typeof ScannedSource>

const Count = z.number().int().nonnegative()

/**
 * The result of `airlock scan`: every reporter (table, JSON, SARIF, JUnit) is a view of this. The JSON
 * format is this object as is; its schema is `schema/scan-report.schema.json`.
 *
 * @example
 * const report = ScanReport.parse(JSON.parse(readFileSync('airlock.json', 'utf8')))
 * report.findings.filter((f) => f.result === 'fail' && !f.suppression)
 */
export const ScanReport = z.object({
  $schema: z.string().optional(),
  version: z
    .literal(SCAN_REPORT_VERSION)
    .describe('Changes only on incompatible changes; new optional fields may appear.'),
  tool: z.object({ name: z.literal('airlock'), version: z.string() }),
  generatedAt: z.string().describe('When the scan ran (ISO 8601).'),
  root: z.string().describe('Absolute path every relative `file` is relative to.'),
  profile: z.enum(['baseline', 'restricted']),
  policy: z.string().describe('The policy file, or built-in:<profile>.'),
  failOn: z
    .enum(['fail', 'critical', 'high', 'medium', 'low'])
    .describe(
      'What makes the exit code 1: any enforce-mode finding (fail), or findings of at least this severity.',
    ),
  passed: z.boolean().describe('Whether the scan passed `failOn` (exit code 0).'),
  summary: z.object({
    sources: Count.describe('Files with a recognized format, live containers and daemons that were scanned.'),
    workloads: Count,
    findings: z
      .object({ fail: Count, warn: Count, error: Count, suppressed: Count })
      .describe('Unsuppressed findings by result; suppressed ones are counted apart.'),
    bySeverity: z
      .object(
        Object.fromEntries(SEVERITIES.map((s) => [s, Count])) as Record<
          (typeof SEVERITIES)[number],
          typeof Count
        >,
      )
      .describe('Unsuppressed fail and warn findings by severity.'),
  }),
  sources: z.array(ScannedSource),
  findings: z.array(ScanFinding).describe('Sorted by file, line, column and rule id.'),
})
export type ScanReport = z.infer<typeof ScanReport>

/**
 * The report's JSON Schema (draft 2020-12), as checked in at `schema/scan-report.schema.json`.
 * Objects are open: consumers must ignore fields they do not know.
 *
 * @example writeFileSync('schema/scan-report.schema.json', JSON.stringify(scanReportJsonSchema(), null, 2))
 */
export function scanReportJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ScanReport, { io: 'input' }),
    $id: SCAN_REPORT_SCHEMA_ID,
    title: 'Airlock scan report',
    description:
      'The output of `airlock scan --format json`. `version` changes only on incompatible changes; new optional fields may appear in any release.',
  }
}
