import type { Severity } from '../model/finding.js'

/** A check the scanner itself makes (not a policy rule): reported with its own id, never blocking. */
export interface ScanCheck {
  id: string
  slug: string
  title: string
  severity: Severity
  result: 'warn' | 'error'
  description: string
  remediation: string
}

function check(c: ScanCheck): ScanCheck {
  return c
}

/** A file that could not be read or parsed: reported with its location, and the scan goes on. */
export const PARSE_ERROR = check({
  id: 'scan/parse-error',
  slug: 'parse-error',
  title: 'The file could not be parsed',
  severity: 'info',
  result: 'error',
  description:
    'Airlock could not read this file as the format it detected, so no rule was checked on it. The tool that deploys it would most likely refuse it too.',
  remediation:
    'Fix the syntax error at the location shown, or exclude the file in .airlockignore if it is not a real input.',
})

/** An `airlock:ignore` comment or `.airlockignore` line Airlock refuses: no reason, a bad date, an unknown rule. */
export const INVALID_SUPPRESSION = check({
  id: 'scan/invalid-suppression',
  slug: 'invalid-suppression',
  title: 'A suppression was refused',
  severity: 'info',
  result: 'error',
  description:
    'Every suppression must name the rule, give a reason and may give an end date (until=YYYY-MM-DD). One that does not is ignored, and the findings it meant to suppress are reported.',
  remediation: 'Write it as: # airlock:ignore AL-0005 reason="why this is acceptable" until=2027-01-31',
})

/** A suppression whose `until` date has passed: it no longer works. */
export const EXPIRED_SUPPRESSION = check({
  id: 'scan/expired-suppression',
  slug: 'expired-suppression',
  title: 'A suppression has expired',
  severity: 'info',
  result: 'warn',
  description:
    'The suppression was accepted until the date it names. That date has passed, so the findings it covered are reported again.',
  remediation:
    'Fix the findings, or renew the suppression with a new until= date and a reason that still holds.',
})

/** A rule that threw on a workload: nothing was decided for that rule there. */
export const RULE_ERROR = check({
  id: 'scan/rule-error',
  slug: 'rule-error',
  title: 'A rule could not be evaluated',
  severity: 'info',
  result: 'error',
  description:
    'A rule failed while checking this workload. The proxy fails closed on such an error; the scanner reports it.',
  remediation: 'Report the message to the Airlock maintainers with the workload definition.',
})

/** Every scanner check, for report rule tables (SARIF `tool.driver.rules`). */
export const SCAN_CHECKS: readonly ScanCheck[] = [
  PARSE_ERROR,
  INVALID_SUPPRESSION,
  EXPIRED_SUPPRESSION,
  RULE_ERROR,
]
