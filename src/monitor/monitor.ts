import type { Registry } from 'prom-client'
import type { Policy } from '../policy/policy.js'
import { type ConcurrencyClass, concurrencyClassOf } from './action-class.js'
import type { Alert } from './alerts/alert.js'
import { AlertDispatcher } from './alerts/alert-dispatcher.js'
import { AlertEngine } from './alerts/alert-engine.js'
import { effectiveAlertRules } from './alerts/alert-rule.js'
import type { GrantEvent } from './alerts/grant-event.js'
import { WebhookSender, type WebhookSenderOptions } from './alerts/webhook-sender.js'
import { registerAuditChainGauges } from './audit-chain-gauges.js'
import type { AuditStatus } from './audit-status.js'
import type { CallerRef } from './caller-ref.js'
import type { DecisionSummary } from './decision-summary.js'
import { EventBus } from './event-bus.js'
import { MonitorMetrics } from './metrics.js'
import type { MetricsSnapshot } from './metrics-snapshot.js'
import { type MonitorLog, SILENT_MONITOR_LOG } from './monitor-log.js'
import { type RateLimitReply, rateLimitReply } from './rate-limit-reply.js'
import { effectiveRateLimits } from './rate-limit-settings.js'
import { RateLimiter, type RateVerdict } from './rate-limiter.js'

/** Whether a call may go on: admitted (with the concurrency slot it holds), or the 429 to send. */
export type Admission =
  | { allowed: true; slot: ConcurrencyClass | undefined }
  | { allowed: false; reply: RateLimitReply }

const ADMITTED: Record<ConcurrencyClass | 'none', Admission> = Object.freeze({
  none: Object.freeze({ allowed: true, slot: undefined }),
  attach: Object.freeze({ allowed: true, slot: 'attach' }),
  build: Object.freeze({ allowed: true, slot: 'build' }),
})

export interface MonitorOptions {
  /** The policy in force (its `rateLimits` and `alerts`); read per call, so reloads apply at once. */
  policy: () => Pick<Policy, 'rateLimits' | 'alerts'>
  log?: MonitorLog
  /** Active grants, for the `airlock_grants_active` gauge (read at scrape time). */
  activeGrants?: () => number
  /** Registry for the metrics (default: a new one). */
  registry?: Registry
  /** Node.js process metrics (default true). */
  processMetrics?: boolean
  /** Distinct caller label values in metrics (default 50; the rest are `other`). */
  maxCallerLabels?: number
  /** Callers the rate limiter remembers (default 10 000). */
  maxCallers?: number
  /** Events kept by the live event bus (default 1024). */
  history?: number
  /** Webhook delivery options (timeouts, retries, a fetch for tests). */
  webhooks?: WebhookSenderOptions
  /** Monotonic ms (default performance.now). */
  clock?: () => number
  wallClock?: () => Date
}

/**
 * Monitoring in one object, for the proxy to call at fixed points of a request:
 * `admit` after classify (rate and concurrency limits), `release` when an admitted call with a slot
 * ends, `onRequestDone` once per request (metrics, live feed, alert rules), `onStreamOpen` /
 * `onStreamClose` around a relayed hijacked stream, `onUpstreamError` when the daemon failed a call,
 * `onAuditWrite` after each durable audit append. None of them throws or waits.
 *
 * @example
 * const monitor = new Monitor({ policy: () => deps.policy(), log })
 * const a = monitor.admit(ex.identity, 'container.create')
 * if (!a.allowed) throw new Refusal(429, a.reply.message)
 * monitor.onRequestDone(summary)
 */
export class Monitor {
  readonly metrics: MonitorMetrics
  readonly limiter: RateLimiter
  readonly events: EventBus<DecisionSummary>
  readonly alerts: AlertEngine
  readonly dispatcher: AlertDispatcher
  readonly webhooks: WebhookSender
  readonly #log: MonitorLog
  readonly #clock: () => number
  #auditStatus: AuditStatus | undefined

  constructor(opts: MonitorOptions) {
    this.#log = opts.log ?? SILENT_MONITOR_LOG
    this.#clock = opts.clock ?? (() => performance.now())
    this.metrics = new MonitorMetrics({
      ...(opts.registry && { registry: opts.registry }),
      ...(opts.activeGrants && { activeGrants: opts.activeGrants }),
      ...(opts.processMetrics !== undefined && { processMetrics: opts.processMetrics }),
      ...(opts.maxCallerLabels !== undefined && { maxCallerLabels: opts.maxCallerLabels }),
    })
    registerAuditChainGauges(this.metrics.registry, () => this.#auditStatus)
    this.limiter = new RateLimiter(() => effectiveRateLimits(opts.policy()), {
      ...(opts.maxCallers !== undefined && { maxCallers: opts.maxCallers }),
    })
    this.events = new EventBus({ ...(opts.history !== undefined && { history: opts.history }) })
    const userOutcome = opts.webhooks?.onOutcome
    this.webhooks = new WebhookSender({
      ...opts.webhooks,
      onOutcome: (outcome, url, detail) => {
        this.metrics.alert(outcome)
        if (outcome !== 'sent') this.#log.warn({ webhook: url, outcome, detail }, 'alert: webhook delivery')
        userOutcome?.(outcome, url, detail)
      },
    })
    this.dispatcher = new AlertDispatcher({
      log: this.#log,
      sender: this.webhooks,
      clock: this.#clock,
      onOutcome: (o) => this.metrics.alert(o),
    })
    this.alerts = new AlertEngine({
      rules: () => effectiveAlertRules(opts.policy()),
      emit: (alert, rule) => this.dispatcher.dispatch(alert, rule),
      clock: this.#clock,
      ...(opts.wallClock && { wallClock: opts.wallClock }),
    })
  }

  /**
   * Rate and concurrency limits for one call of `kind` by `caller`: spends a token of the kind's
   * class and takes a concurrency slot (attach, exec start, build). Admitted verdicts are shared
   * constants; a refusal carries the 429 reply (message, Retry-After, audit detail).
   */
  admit(caller: CallerRef, kind: string, now: number = this.#clock()): Admission {
    const rate = this.limiter.checkRate(caller, kind, now)
    if (!rate.allowed) return this.#refuse(rate, caller, kind)
    const slot = this.limiter.acquire(caller, kind, now)
    if (!slot.allowed) return this.#refuse(slot, caller, kind)
    return ADMITTED[concurrencyClassOf(kind) ?? 'none']
  }

  /** Gives back the concurrency slot an admitted call of `kind` took (no-op for other kinds). */
  release(caller: CallerRef | string, kind: string): void {
    this.limiter.release(caller, kind)
  }

  /** One request is over (answered, forwarded or refused): metrics, live feed, alert rules. */
  onRequestDone(s: DecisionSummary): void {
    this.metrics.request(s.caller, s.kind, s.decision, s.airlockMs, s.upstreamMs)
    this.events.publish(s)
    try {
      this.alerts.onDecision(s)
    } catch (err) {
      this.#log.error({ err: String(err), requestId: s.requestId }, 'monitor: alert rules failed')
    }
  }

  /** A hijacked stream started relaying (the daemon accepted the upgrade). */
  onStreamOpen(): void {
    this.metrics.streamOpened()
  }

  /** A relayed hijacked stream ended. */
  onStreamClose(): void {
    this.metrics.streamClosed()
  }

  /** The daemon could not be reached, or broke a call off. */
  onUpstreamError(): void {
    this.metrics.upstreamError()
  }

  /** A durable audit append took `ms`. */
  onAuditWrite(ms: number): void {
    this.metrics.auditWrite(ms)
  }

  /** The admin API created, approved or revoked a grant. */
  onGrant(e: GrantEvent): void {
    try {
      this.alerts.onGrant(e)
    } catch (err) {
      this.#log.error({ err: String(err) }, 'monitor: alert rules failed')
    }
  }

  /** An audit chain verification finished (wire `AuditVerifier`'s `onResult` here): gauges and alert rules. */
  onAuditVerified(status: AuditStatus): void {
    this.#auditStatus = status
    try {
      this.alerts.onAuditVerified(status)
    } catch (err) {
      this.#log.error({ err: String(err) }, 'monitor: alert rules failed')
    }
  }

  /** Totals, latency quantiles, alert and live-feed counters, as JSON. */
  snapshot(now: Date = new Date()): MetricsSnapshot {
    return {
      ...this.metrics.snapshot(now),
      events: {
        published: this.events.lastId,
        subscribers: this.events.subscribers,
        droppedSubscribers: this.events.droppedSubscribers,
      },
    }
  }

  /** The latest alerts sent (not suppressed), newest last. */
  recentAlerts(): readonly Alert[] {
    return this.dispatcher.recent()
  }

  /** Shutdown: ends live subscriptions and waits up to `timeoutMs` for webhook deliveries. */
  async close(timeoutMs = 5000): Promise<void> {
    this.events.close()
    await this.webhooks.drain(timeoutMs)
    this.webhooks.close()
  }

  #refuse(v: Extract<RateVerdict, { allowed: false }>, caller: CallerRef, kind: string): Admission {
    this.metrics.rateLimited(caller.user, v.limit.class)
    return { allowed: false, reply: rateLimitReply(v, caller.user, kind) }
  }
}
