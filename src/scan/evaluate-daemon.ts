import type { SourceLocation } from '../adapters/workload.js'
import type { DaemonPosture } from '../model/daemon-posture.js'
import type { Policy } from '../policy/policy.js'
import type { DaemonRule } from '../policy/rule.js'
import { runDaemonRules } from '../policy/runner.js'
import type { ScanFinding } from '../report/scan-report.js'
import { reportLocation } from './evaluate-workload.js'
import { ruleOnlyExemption, ruleVerdict } from './rule-verdict.js'
import { RULE_ERROR } from './scan-checks.js'

/**
 * Runs the daemon posture rules the policy enables, with its modes and severities. Exemptions apply
 * when they name the rule and nothing else to match on (a daemon has no image, labels or caller)
 * and have not expired.
 *
 * @example evaluateDaemon(posture, DAEMON_RULES, policy, locate, '/repo', new Date())
 */
export function evaluateDaemon(
  posture: DaemonPosture,
  rules: readonly DaemonRule[],
  policy: Policy,
  locate: (path: readonly (string | number)[]) => SourceLocation,
  root: string,
  now: Date,
): ScanFinding[] {
  const enabled = rules.filter((r) => ruleVerdict(r, policy).mode !== 'off')
  const out: ScanFinding[] = []
  for (const outcome of runDaemonRules(posture, enabled, { settings: policy.settings })) {
    const { rule } = outcome
    if (outcome.error) {
      out.push({
        ruleId: RULE_ERROR.id,
        slug: RULE_ERROR.slug,
        title: RULE_ERROR.title,
        severity: RULE_ERROR.severity,
        result: 'error',
        message: outcome.error,
        ...reportLocation(locate([]), root),
        workload: 'daemon',
        format: 'daemon',
      })
    }
    const verdict = ruleVerdict(rule, policy)
    const result = verdict.mode === 'enforce' ? 'fail' : 'warn'
    const exemption = ruleOnlyExemption(rule, policy, now)
    for (const raw of outcome.findings) {
      out.push({
        ruleId: rule.id,
        slug: rule.slug,
        title: rule.title,
        severity: verdict.severity,
        result,
        message: raw.message,
        remediation: rule.remediation,
        ...reportLocation(locate(raw.path), root),
        workload: 'daemon',
        format: 'daemon',
        path: raw.path,
        ...(exemption &&
          result === 'fail' && {
            suppression: {
              kind: 'policy-exemption' as const,
              reason: exemption.reason,
              source: exemption.id,
            },
          }),
      })
    }
  }
  return out
}
