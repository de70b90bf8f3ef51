import type { Severity } from '../model/finding.js'
import type { FrameworkRefs } from '../policy/rule.js'
import { RULES } from '../policy/rules/index.js'
import { SCAN_CHECKS } from '../scan/scan-checks.js'

/** What reports say about a rule besides its findings (SARIF rule descriptors, help text). */
export interface ReportRule {
  id: string
  slug: string
  title: string
  description: string
  remediation: string
  severity: Severity
  frameworks: FrameworkRefs
  /** The generated documentation page (`docs/rules/AL-0001-no-privileged.md`); none for scanner checks. */
  docsPage?: string
}

/**
 * How reports name a rule: `AL-0001 no-privileged`; a scanner check by its id alone (`scan/parse-error`).
 *
 * @example ruleLabel('scan/parse-error', 'parse-error') // 'scan/parse-error'
 */
export function ruleLabel(ruleId: string, slug: string): string {
  return ruleId.endsWith(`/${slug}`) ? ruleId : `${ruleId} ${slug}`
}

/**
 * Every rule a scan can report, by id: the catalogue (daemon rules included) and the scanner's own checks.
 *
 * @example reportRules().get('AL-0001')?.docsPage // 'docs/rules/AL-0001-no-privileged.md'
 */
export function reportRules(): Map<string, ReportRule> {
  const out = new Map<string, ReportRule>()
  for (const r of RULES) {
    out.set(r.id, {
      id: r.id,
      slug: r.slug,
      title: r.title,
      description: r.description,
      remediation: r.remediation,
      severity: r.severity,
      frameworks: r.frameworks,
      docsPage: `docs/rules/${r.id}-${r.slug}.md`,
    })
  }
  for (const c of SCAN_CHECKS) {
    out.set(c.id, {
      id: c.id,
      slug: c.slug,
      title: c.title,
      description: c.description,
      remediation: c.remediation,
      severity: c.severity,
      frameworks: {},
    })
  }
  return out
}
