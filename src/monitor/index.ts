export {
  CONCURRENCY_CLASSES,
  type ConcurrencyClass,
  concurrencyClassOf,
  RATE_CLASSES,
  type RateClass,
  rateClassOf,
} from './action-class.js'
export { type Alert, alertPayload } from './alerts/alert.js'
export { AlertDispatcher } from './alerts/alert-dispatcher.js'
export { AlertEngine } from './alerts/alert-engine.js'
export {
  ALERT_KINDS,
  type AlertKind,
  type AlertRule,
  auditVerifyEverySeconds,
  DEFAULT_ALERT_RULES,
  effectiveAlertRules,
} from './alerts/alert-rule.js'
export type { GrantEvent } from './alerts/grant-event.js'
export { WebhookSender, webhookUrlAllowed } from './alerts/webhook-sender.js'
export type { AuditStatus } from './audit-status.js'
export { AuditVerifier, auditStatus } from './audit-verifier.js'
export type { CallerRef } from './caller-ref.js'
export {
  type DecisionSummary,
  type RequestTimes,
  type SummaryFinding,
  splitLatency,
  summaryFindings,
  type Waiver,
  waiversOf,
} from './decision-summary.js'
export { type BusEvent, EventBus, type Subscription } from './event-bus.js'
export { MonitorMetrics } from './metrics.js'
export type { MetricsSnapshot } from './metrics-snapshot.js'
export { type Admission, Monitor, type MonitorOptions } from './monitor.js'
export type { MonitorLog } from './monitor-log.js'
export { type RateLimitReply, rateLimitReply } from './rate-limit-reply.js'
export { DEFAULT_RATE_LIMITS, effectiveRateLimits, type RateLimitSettings } from './rate-limit-settings.js'
export { RateLimiter, type RateVerdict } from './rate-limiter.js'
export { verifyInWorker } from './verify-in-worker.js'
