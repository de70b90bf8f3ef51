import type { Severity } from '../../model/finding.js'

/**
 * What alert rules watch. Over the decision stream: `denial-burst` (one caller denied N times in a
 * window), `exec-spread` (one caller exec-ing into N distinct containers in a window),
 * `rate-limited` (one caller refused N times by rate limits in a window), `grant-used` (a call
 * allowed because a grant waived a rule), `elevated-action` (an allowed call with findings waived
 * by a grant or an exemption, by a caller in `roles`). From elsewhere: `grant-created` (the admin
 * API) and `audit-chain` (the periodic verification failed).
 */
export const ALERT_KINDS = [
  'denial-burst',
  'exec-spread',
  'rate-limited',
  'grant-created',
  'grant-used',
  'elevated-action',
  'audit-chain',
] as const
export type AlertKind = (typeof ALERT_KINDS)[number]

/** Where an alert is POSTed, and how many per minute at most. */
export interface WebhookTarget {
  url: string
  maxPerMinute: number
}

/** An alert rule, resolved from the policy's `alerts:` list (every field set). */
export interface AlertRule {
  /** `name` in the policy file, else the kind (with `#2`, `#3` for repeats). */
  id: string
  kind: AlertKind
  severity: Severity
  /** Events within the window that fire the rule (1 for the kinds without a count). */
  threshold: number
  windowSeconds: number
  /** The same alert (same key) is sent at most once per this many seconds. */
  dedupeSeconds: number
  /** `audit-chain`: how often the chain is verified. */
  everySeconds: number
  /** `elevated-action`: caller roles it watches; undefined: every caller. */
  roles: string[] | undefined
  webhooks: WebhookTarget[]
}

/** Webhook throttle without `maxPerMinute`. */
export const DEFAULT_WEBHOOK_PER_MINUTE = 30

/** Defaults per kind, for what a rule leaves out. */
export const ALERT_DEFAULTS: Record<
  AlertKind,
  Pick<AlertRule, 'severity' | 'threshold' | 'windowSeconds' | 'dedupeSeconds' | 'everySeconds' | 'roles'>
> = {
  'denial-burst': {
    severity: 'high',
    threshold: 20,
    windowSeconds: 60,
    dedupeSeconds: 600,
    everySeconds: 0,
    roles: undefined,
  },
  'exec-spread': {
    severity: 'high',
    threshold: 10,
    windowSeconds: 600,
    dedupeSeconds: 1800,
    everySeconds: 0,
    roles: undefined,
  },
  'rate-limited': {
    severity: 'medium',
    threshold: 50,
    windowSeconds: 60,
    dedupeSeconds: 600,
    everySeconds: 0,
    roles: undefined,
  },
  'grant-created': {
    severity: 'medium',
    threshold: 1,
    windowSeconds: 0,
    dedupeSeconds: 0,
    everySeconds: 0,
    roles: undefined,
  },
  'grant-used': {
    severity: 'medium',
    threshold: 1,
    windowSeconds: 0,
    dedupeSeconds: 3600,
    everySeconds: 0,
    roles: undefined,
  },
  'elevated-action': {
    severity: 'high',
    threshold: 1,
    windowSeconds: 0,
    dedupeSeconds: 600,
    everySeconds: 0,
    roles: ['admin'],
  },
  'audit-chain': {
    severity: 'critical',
    threshold: 1,
    windowSeconds: 0,
    dedupeSeconds: 3600,
    everySeconds: 600,
    roles: undefined,
  },
}

/** Which fields a kind reads besides severity, dedupe and webhooks. */
export const KIND_FIELDS: Record<AlertKind, readonly ('threshold' | 'window' | 'every' | 'roles')[]> = {
  'denial-burst': ['threshold', 'window'],
  'exec-spread': ['threshold', 'window'],
  'rate-limited': ['threshold', 'window'],
  'grant-created': [],
  'grant-used': [],
  'elevated-action': ['roles'],
  'audit-chain': ['every'],
}

/**
 * A rule of `kind` with its defaults and no webhooks (log only).
 *
 * @example alertRule('denial-burst').threshold // 20
 */
export function alertRule(kind: AlertKind, over: Partial<AlertRule> = {}): AlertRule {
  return { id: kind, kind, ...ALERT_DEFAULTS[kind], webhooks: [], ...over }
}

/** The rules in force without an `alerts:` section: every kind, to the log only. */
export const DEFAULT_ALERT_RULES: readonly AlertRule[] = Object.freeze(ALERT_KINDS.map((k) => alertRule(k)))

/**
 * The alert rules a policy sets (an empty list turns alerts off), or the defaults.
 *
 * @example effectiveAlertRules(builtinPolicy()).length // 7
 */
export function effectiveAlertRules(policy: {
  alerts?: readonly AlertRule[] | undefined
}): readonly AlertRule[] {
  return policy.alerts ?? DEFAULT_ALERT_RULES
}

/**
 * How often the audit chain should be verified: the shortest `every` of the `audit-chain` rules,
 * or undefined when no rule watches the chain.
 *
 * @example auditVerifyEverySeconds(DEFAULT_ALERT_RULES) // 600
 */
export function auditVerifyEverySeconds(rules: readonly AlertRule[]): number | undefined {
  let every: number | undefined
  for (const r of rules)
    if (r.kind === 'audit-chain') every = Math.min(every ?? r.everySeconds, r.everySeconds)
  return every
}
