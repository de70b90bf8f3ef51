import type { AlertOutcome } from '../metrics.js'
import type { MonitorLog } from '../monitor-log.js'
import { type Bucket, takeToken } from '../token-bucket.js'
import { type Alert, alertPayload } from './alert.js'
import { AlertDedupe } from './alert-dedupe.js'
import type { AlertRule } from './alert-rule.js'
import type { WebhookSender } from './webhook-sender.js'

export interface AlertDispatcherOptions {
  log: MonitorLog
  sender: Pick<WebhookSender, 'send'>
  /** Monotonic ms (default performance.now). */
  clock?: () => number
  /** Told what happened to each alert and delivery (metrics). */
  onOutcome?: (outcome: AlertOutcome) => void
  /** Alerts seen in the last minutes, kept for the dashboard (default 100). */
  keep?: number
}

/**
 * Where fired alerts go: deduplicated by key within the rule's `dedupe` window, written to the log,
 * and POSTed to the rule's webhooks, each webhook throttled to its `maxPerMinute` (token bucket;
 * over it, alerts are dropped and counted). Never waits on the network.
 *
 * @example
 * const dispatcher = new AlertDispatcher({ log, sender: new WebhookSender() })
 * const engine = new AlertEngine({ rules, emit: (a, r) => dispatcher.dispatch(a, r) })
 */
export class AlertDispatcher {
  readonly #log: MonitorLog
  readonly #sender: Pick<WebhookSender, 'send'>
  readonly #clock: () => number
  readonly #onOutcome: (outcome: AlertOutcome) => void
  readonly #dedupe = new AlertDedupe()
  readonly #throttles = new Map<string, Bucket>()
  readonly #recent: Alert[] = []
  readonly #keep: number

  constructor(opts: AlertDispatcherOptions) {
    this.#log = opts.log
    this.#sender = opts.sender
    this.#clock = opts.clock ?? (() => performance.now())
    this.#onOutcome = opts.onOutcome ?? (() => {})
    this.#keep = opts.keep ?? 100
  }

  /** Handles one alert a rule fired. */
  dispatch(alert: Alert, rule: AlertRule): void {
    const now = this.#clock()
    const { send, suppressed } = this.#dedupe.admit(`${rule.id}|${alert.key}`, now, rule.dedupeSeconds * 1000)
    if (!send) {
      this.#onOutcome('suppressed')
      return
    }
    const out: Alert =
      suppressed > 0 ? { ...alert, details: { ...alert.details, suppressedBefore: suppressed } } : alert
    this.#recent.push(out)
    if (this.#recent.length > this.#keep) this.#recent.shift()
    const level = out.severity === 'critical' || out.severity === 'high' ? 'error' : 'warn'
    this.#log[level]({ alert: out }, `alert: ${out.summary}`)
    if (rule.webhooks.length === 0) return
    const payload = alertPayload(out)
    for (const hook of rule.webhooks) {
      let bucket = this.#throttles.get(hook.url)
      if (!bucket) {
        bucket = { tokens: hook.maxPerMinute, at: now }
        this.#throttles.set(hook.url, bucket)
      }
      if (takeToken(bucket, hook.maxPerMinute, hook.maxPerMinute, now) !== 0) {
        this.#onOutcome('dropped')
        this.#log.warn(
          { webhook: hook.url, alert: out.id },
          `alert: webhook throttled (more than ${hook.maxPerMinute} per minute); alert not sent there`,
        )
        continue
      }
      this.#sender.send(hook.url, payload)
    }
  }

  /** The latest alerts that were not suppressed, newest last. */
  recent(): readonly Alert[] {
    return this.#recent
  }
}
