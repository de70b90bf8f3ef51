import { createHash } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import type { Log, ReportingDescriptor, Result } from 'sarif'
import type { Severity } from '../model/finding.js'
import type { ReportRule } from './rule-info.js'
import type { ScanFinding, ScanReport } from './scan-report.js'

/** Where rule documentation is published; `docs/rules/<ID>-<slug>.md` in the repository. */
/**
 * Where the rule pages (`docs/rules/*.md`) are published, from `AIRLOCK_DOCS_URL` (e.g. the URL of
 * the repository's `docs/rules/` folder). Unset: results carry the help text, and no links.
 */
export const DOCS_BASE_URI: string | undefined = docsBase(process.env['AIRLOCK_DOCS_URL'])

function docsBase(url: string | undefined): string | undefined {
  if (!url) return undefined
  return url.endsWith('/') ? url : `${url}/`
}

/** GitHub code scanning's scale: critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0, low > 0. */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: undefined,
}

function level(severity: Severity, result: ScanFinding['result']): Result.level {
  if (result === 'error') return 'error'
  if (severity === 'info') return 'note'
  return result === 'fail' ? 'error' : 'warning'
}

/** CIS tags (`CIS-2.7`, `CIS-5.5`): control numbers are unique across the benchmark's sections. */
function tags(rule: ReportRule): string[] {
  const { 'cis-docker-1.6-daemon': daemon = [], 'cis-docker-1.6': runtime = [] } = rule.frameworks
  const cis = [...daemon, ...runtime].map((c) => `CIS-${c}`)
  const pss = (rule.frameworks.pss ?? []).map((c) => `PSS-${c}`)
  return [rule.id.startsWith('scan/') ? 'airlock-scan' : 'security', ...cis, ...pss]
}

function descriptor(rule: ReportRule): ReportingDescriptor {
  const help = `${rule.description}\n\nHow to fix: ${rule.remediation}`
  const docs = rule.docsPage && DOCS_BASE_URI ? `${DOCS_BASE_URI}${rule.docsPage}` : undefined
  const security = SECURITY_SEVERITY[rule.severity]
  return {
    id: rule.id,
    name: rule.slug,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: {
      text: help,
      markdown: `${rule.description}\n\n**How to fix:** ${rule.remediation}${docs ? `\n\n[${rule.id} ${rule.slug}](${docs})` : ''}`,
    },
    ...(docs && { helpUri: docs }),
    defaultConfiguration: { level: level(rule.severity, 'fail') },
    properties: {
      tags: tags(rule),
      ...(security && { 'security-severity': security }),
      precision: 'high',
    },
  }
}

function artifact(file: string): { uri: string; uriBaseId?: string } {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return { uri: file }
  if (file.startsWith('/')) return { uri: pathToFileURL(file).href }
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'ROOT' }
}

function fingerprint(f: ScanFinding): string {
  const key = [f.ruleId, f.file, f.workload ?? '', (f.path ?? []).join('.'), f.path ? '' : f.message].join(
    '\0',
  )
  return createHash('sha256').update(key).digest('hex').slice(0, 32)
}

function result(f: ScanFinding, ruleIndex: number): Result {
  const region = f.line
    ? {
        region: {
          startLine: f.line,
          startColumn: f.column ?? 1,
          ...(f.endLine !== undefined && { endLine: f.endLine }),
          ...(f.endColumn !== undefined && { endColumn: f.endColumn }),
        },
      }
    : {}
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: level(f.severity, f.result),
    message: { text: f.workload ? `${f.message} (${f.workload})` : f.message },
    locations: [
      {
        physicalLocation: { artifactLocation: artifact(f.file), ...region },
        ...(f.workload && { logicalLocations: [{ name: f.workload, kind: 'resource' }] }),
      },
    ],
    partialFingerprints: { 'airlockFinding/v1': fingerprint(f) },
    ...(f.suppression && {
      suppressions: [
        {
          kind: f.suppression.kind === 'inline' ? 'inSource' : 'external',
          status: 'accepted',
          justification: f.suppression.reason,
          properties: {
            source: f.suppression.source,
            ...(f.suppression.until && { until: f.suppression.until }),
          },
        },
      ],
    }),
    properties: {
      severity: f.severity,
      result: f.result,
      ...(f.format && { format: f.format }),
      ...(f.path && { path: f.path.join('.') }),
    },
  }
}

/**
 * The report as SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps): one run, the rules
 * that have results with help text, docs links, CIS/PSS tags and security-severity; results with
 * physical locations relative to the scan root (`ROOT`), the workload as a logical location, stable
 * fingerprints, and suppressions for suppressed findings.
 *
 * @example writeFileSync('airlock.sarif', renderSarif(report, reportRules()))
 */
export function renderSarif(report: ScanReport, rules: ReadonlyMap<string, ReportRule>): string {
  const used: ReportRule[] = []
  const index = new Map<string, number>()
  for (const f of report.findings) {
    if (index.has(f.ruleId)) continue
    const rule = rules.get(f.ruleId) ?? {
      id: f.ruleId,
      slug: f.slug,
      title: f.title,
      description: f.title,
      remediation: f.remediation ?? f.title,
      severity: f.severity,
      frameworks: {},
    }
    index.set(f.ruleId, used.length)
    used.push(rule)
  }
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Airlock',
            ...(DOCS_BASE_URI && { informationUri: DOCS_BASE_URI }),
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: used.map(descriptor),
          },
        },
        originalUriBaseIds: { ROOT: { uri: pathToFileURL(`${report.root.replace(/\/$/, '')}/`).href } },
        invocations: [{ executionSuccessful: true, endTimeUtc: report.generatedAt }],
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((f) => result(f, index.get(f.ruleId) as number)),
        properties: {
          profile: report.profile,
          policy: report.policy,
          failOn: report.failOn,
          passed: report.passed,
        },
      },
    ],
  }
  return `${JSON.stringify(log, null, 2)}\n`
}
