import { DAEMON_RULES, RULES } from '../policy/rules/index.js'
import type { RuleInfo } from './api-types.js'

let catalogue: RuleInfo[] | undefined

/**
 * Every rule a decision can name, as the dashboard explains it: title, description, the fix and the
 * documentation page.
 *
 * @example ruleCatalogue().find((r) => r.id === 'AL-0001')?.remediation
 */
export function ruleCatalogue(): readonly RuleInfo[] {
  catalogue ??= [...RULES, ...DAEMON_RULES].map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    severity: r.severity,
    description: r.description,
    remediation: r.remediation,
    docsPage: `docs/rules/${r.id}-${r.slug}.md`,
  }))
  return catalogue
}
