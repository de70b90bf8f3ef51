import { locateInstruction } from '../adapters/dockerfile/locate-instruction.js'
import type { DockerfileModel } from '../model/dockerfile.js'
import type { Policy } from '../policy/policy.js'
import { isDockerfileRule, type Rule } from '../policy/rule.js'
import { runDockerfileRules } from '../policy/runner.js'
import type { ScanFinding } from '../report/scan-report.js'
import { reportLocation } from './evaluate-workload.js'
import { ruleOnlyExemption, ruleVerdict } from './rule-verdict.js'
import { RULE_ERROR } from './scan-checks.js'

/** How reports name the image a Dockerfile builds. */
export const DOCKERFILE_WORKLOAD = 'Dockerfile'

/**
 * Runs the Dockerfile rules the policy enables over one Dockerfile model, with the policy's modes and
 * severities, locating each finding on its instruction. Exemptions apply when they name only the
 * rule (a Dockerfile has no image name, labels or caller to match). A rule that throws is a
 * `scan/rule-error` finding.
 *
 * @example evaluateDockerfile(dockerfileModel('Dockerfile', text).model, policy, RULES, '/repo', new Date())
 */
export function evaluateDockerfile(
  model: DockerfileModel,
  policy: Policy,
  rules: readonly Rule[],
  root: string,
  now: Date,
): ScanFinding[] {
  const enabled = rules.filter((r) => isDockerfileRule(r) && ruleVerdict(r, policy).mode !== 'off')
  const out: ScanFinding[] = []
  for (const outcome of runDockerfileRules(model, enabled, { settings: policy.settings })) {
    const { rule } = outcome
    const common = { workload: DOCKERFILE_WORKLOAD, format: 'dockerfile' as const }
    if (outcome.error) {
      out.push({
        ruleId: RULE_ERROR.id,
        slug: RULE_ERROR.slug,
        title: RULE_ERROR.title,
        severity: RULE_ERROR.severity,
        result: 'error',
        message: outcome.error,
        ...reportLocation(locateInstruction(model, []), root),
        ...common,
      })
    }
    const verdict = ruleVerdict(rule, policy)
    const result = verdict.mode === 'enforce' ? 'fail' : 'warn'
    const exemption = result === 'fail' ? ruleOnlyExemption(rule, policy, now) : undefined
    for (const raw of outcome.findings) {
      out.push({
        ruleId: rule.id,
        slug: rule.slug,
        title: rule.title,
        severity: verdict.severity,
        result,
        message: raw.message,
        remediation: rule.remediation,
        ...reportLocation(locateInstruction(model, raw.path), root),
        ...common,
        path: raw.path,
        ...(exemption && {
          suppression: { kind: 'policy-exemption' as const, reason: exemption.reason, source: exemption.id },
        }),
      })
    }
  }
  return out
}
