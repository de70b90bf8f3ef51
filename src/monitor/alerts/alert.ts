import type { Severity } from '../../model/finding.js'
import type { AlertKind } from './alert-rule.js'

/** A JSON value (alert details travel as JSON). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

/** One alert: what a rule saw, delivered to the log and as a webhook's JSON body. */
export interface Alert {
  /** Unique per alert (UUID). */
  id: string
  /** The rule's id. */
  rule: string
  kind: AlertKind
  severity: Severity
  /** Same key, same alert: deduplicated within the rule's window. */
  key: string
  /** When it fired, ISO 8601. */
  time: string
  /** One line for people. */
  summary: string
  caller?: string
  details: { [key: string]: Json }
}

/**
 * The JSON body POSTed to webhooks: the alert, plus `text` so chat webhooks (Slack, Mattermost)
 * show a line without a template.
 *
 * @example alertPayload(alert).text // '[high] airlock: alice was denied 20 times in 60s (denial-burst)'
 */
export function alertPayload(alert: Alert): { source: 'airlock'; text: string; alert: Alert } {
  return { source: 'airlock', text: `[${alert.severity}] airlock: ${alert.summary} (${alert.rule})`, alert }
}
