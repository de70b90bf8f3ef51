import { randomUUID } from 'node:crypto'
import type { AuditStatus } from '../audit-status.js'
import { makeRoom } from '../bounded-map.js'
import type { DecisionSummary } from '../decision-summary.js'
import type { Alert, Json } from './alert.js'
import type { AlertRule } from './alert-rule.js'
import { DistinctWindow } from './distinct-window.js'
import type { GrantEvent } from './grant-event.js'
import { SlidingCount } from './sliding-count.js'

export interface AlertEngineOptions {
  /** The rules in force (read on every event; a new list starts new windows). */
  rules: () => readonly AlertRule[]
  /** Receives each alert that fired (deduplication and delivery are the dispatcher's). */
  emit: (alert: Alert, rule: AlertRule) => void
  /** Monotonic ms (default performance.now). */
  clock?: () => number
  /** Wall clock for alert times (default new Date()). */
  wallClock?: () => Date
  /** Callers tracked per rule at most (default 10 000). */
  maxKeys?: number
}

type Windows = Map<string, SlidingCount | DistinctWindow>

/**
 * Evaluates alert rules over the decision stream, grant events and audit verifications. Each event
 * costs O(rules): sliding windows per caller keep only what the thresholds need, and at most
 * `maxKeys` callers per rule are tracked.
 *
 * @example
 * const engine = new AlertEngine({ rules: () => effectiveAlertRules(policy()), emit: dispatcher.dispatch })
 * engine.onDecision(summary)
 */
export class AlertEngine {
  readonly #rules: () => readonly AlertRule[]
  readonly #emit: AlertEngineOptions['emit']
  readonly #clock: () => number
  readonly #wall: () => Date
  readonly #maxKeys: number
  #windows = new WeakMap<AlertRule, Windows>()

  constructor(opts: AlertEngineOptions) {
    this.#rules = opts.rules
    this.#emit = opts.emit
    this.#clock = opts.clock ?? (() => performance.now())
    this.#wall = opts.wallClock ?? (() => new Date())
    this.#maxKeys = opts.maxKeys ?? 10_000
  }

  /** Watches one finished call. */
  onDecision(s: DecisionSummary): void {
    for (const rule of this.#rules()) {
      switch (rule.kind) {
        case 'denial-burst':
          if (s.decision === 'deny' && s.status !== 429) this.#burst(rule, s, 'denied')
          break
        case 'rate-limited':
          if (s.status === 429) this.#burst(rule, s, 'rate-limited')
          break
        case 'exec-spread':
          if (s.kind === 'exec.create' && s.target !== '') this.#spread(rule, s)
          break
        case 'grant-used':
          for (const g of s.grantIds) {
            this.#fire(
              rule,
              `grant-used:${g}:${s.caller}`,
              `${s.caller} used grant ${g} for ${s.kind}`,
              s.caller,
              {
                grantId: g,
                kind: s.kind,
                target: s.target,
                requestId: s.requestId,
                ruleIds: [...s.ruleIds],
              },
            )
          }
          break
        case 'elevated-action':
          if (s.decision === 'allow' && s.waivers.length > 0 && this.#roleWatched(rule, s.role)) {
            const rules = [...new Set(s.waivers.map((w) => w.ruleId))].sort()
            this.#fire(
              rule,
              `elevated-action:${s.caller}:${s.kind}:${rules.join(',')}`,
              `${s.caller}${s.role ? ` (${s.role})` : ''} made an elevated ${s.kind}: ${rules.join(', ')} waived`,
              s.caller,
              {
                kind: s.kind,
                target: s.target,
                requestId: s.requestId,
                waivers: s.waivers.map((w) => ({ ruleId: w.ruleId, by: w.by, id: w.id })),
              },
            )
          }
          break
        default:
          break
      }
    }
  }

  /** Watches what the admin API did with a grant. */
  onGrant(e: GrantEvent): void {
    if (e.action !== 'created') return
    for (const rule of this.#rules()) {
      if (rule.kind !== 'grant-created') continue
      const g = e.grant
      this.#fire(
        rule,
        `grant-created:${g.id}`,
        `${e.by} granted ${g.subject} a waiver of ${g.rules.join(', ')} until ${g.expiresAt}`,
        e.by,
        {
          grantId: g.id,
          subject: g.subject,
          rules: [...g.rules],
          reason: g.reason,
          expiresAt: g.expiresAt,
          ...(g.image !== undefined && { image: g.image }),
          ...(g.container !== undefined && { container: g.container }),
        },
      )
    }
  }

  /** Watches the result of an audit chain verification. */
  onAuditVerified(status: AuditStatus): void {
    if (status.ok) return
    for (const rule of this.#rules()) {
      if (rule.kind !== 'audit-chain') continue
      const why = status.firstBad
        ? `${status.firstBad.reason} at record ${status.firstBad.seq}: ${status.firstBad.detail}`
        : `verification could not run: ${status.error ?? 'unknown error'}`
      const details: { [key: string]: Json } = { count: status.count, checkedAt: status.checkedAt }
      if (status.firstBad) details['firstBad'] = { ...status.firstBad }
      if (status.error !== undefined) details['error'] = status.error
      const key = status.firstBad
        ? `audit-chain:${status.firstBad.reason}:${status.firstBad.seq}`
        : 'audit-chain:error'
      this.#fire(rule, key, `the audit chain failed verification: ${why}`, undefined, details)
    }
  }

  #roleWatched(rule: AlertRule, role: string | undefined): boolean {
    return rule.roles === undefined || (role !== undefined && rule.roles.includes(role))
  }

  #windowsOf(rule: AlertRule): Windows {
    let w = this.#windows.get(rule)
    if (!w) {
      w = new Map()
      this.#windows.set(rule, w)
    }
    return w
  }

  #burst(rule: AlertRule, s: DecisionSummary, verb: string): void {
    const now = this.#clock()
    const windowMs = rule.windowSeconds * 1000
    const byCaller = this.#windowsOf(rule)
    let c = byCaller.get(s.caller) as SlidingCount | undefined
    if (!c) {
      makeRoom(byCaller, this.#maxKeys, (v) => now - v.last > windowMs)
      c = new SlidingCount(rule.threshold, windowMs)
      byCaller.set(s.caller, c)
    }
    if (!c.hit(now)) return
    this.#fire(
      rule,
      `${rule.kind}:${s.caller}`,
      `${s.caller} was ${verb} ${rule.threshold} times in ${rule.windowSeconds}s`,
      s.caller,
      {
        count: rule.threshold,
        windowSeconds: rule.windowSeconds,
        lastKind: s.kind,
        lastPath: s.path,
        lastMessage: s.message,
        lastRequestId: s.requestId,
        ruleIds: [...s.ruleIds],
      },
    )
  }

  #spread(rule: AlertRule, s: DecisionSummary): void {
    const now = this.#clock()
    const windowMs = rule.windowSeconds * 1000
    const byCaller = this.#windowsOf(rule)
    let w = byCaller.get(s.caller) as DistinctWindow | undefined
    if (!w) {
      makeRoom(byCaller, this.#maxKeys, (v) => now - v.last > windowMs)
      w = new DistinctWindow(rule.threshold, windowMs)
      byCaller.set(s.caller, w)
    }
    if (!w.add(s.target, now)) return
    const containers = w.values()
    w.clear()
    this.#fire(
      rule,
      `exec-spread:${s.caller}`,
      `${s.caller} ran exec in ${containers.length} containers within ${rule.windowSeconds}s`,
      s.caller,
      { containers, windowSeconds: rule.windowSeconds, lastRequestId: s.requestId },
    )
  }

  #fire(
    rule: AlertRule,
    key: string,
    summary: string,
    caller: string | undefined,
    details: { [key: string]: Json },
  ): void {
    this.#emit(
      {
        id: randomUUID(),
        rule: rule.id,
        kind: rule.kind,
        severity: rule.severity,
        key,
        time: this.#wall().toISOString(),
        summary,
        ...(caller !== undefined && { caller }),
        details,
      },
      rule,
    )
  }
}
