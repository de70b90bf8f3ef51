import type { VerifyResult } from '../../audit/audit-store.js'
import { errorMessage } from '../../errors.js'
import type { GrantRecord } from '../../identity/grant-store.js'
import { grantStatus } from '../../model/grant.js'
import { auditVerifyEverySeconds, effectiveAlertRules } from '../../monitor/alerts/alert-rule.js'
import type { WebhookSenderOptions } from '../../monitor/alerts/webhook-sender.js'
import { AuditVerifier } from '../../monitor/audit-verifier.js'
import { Monitor } from '../../monitor/monitor.js'
import type { Policy } from '../../policy/policy.js'
import type { Log } from './log.js'

/** The audit chain is verified this often when no `audit-chain` alert rule says (the dashboard shows it). */
export const DEFAULT_VERIFY_EVERY_SECONDS = 600

export interface ProxyMonitoringOptions {
  policy: () => Policy
  log: Log
  /** Every grant as last read (the `airlock_grants_active` gauge counts the active ones). */
  grants: () => readonly GrantRecord[]
  /** Verifies the audit chain (in a worker for the SQLite store); undefined: the store cannot. */
  verify?: (() => VerifyResult | Promise<VerifyResult>) | undefined
  /** Webhook delivery options (tests). */
  webhooks?: WebhookSenderOptions
}

/** Monitoring as the proxy runs it: the Monitor, the audit chain verifier, and their lifecycle. */
export interface ProxyMonitoring {
  readonly monitor: Monitor
  readonly verifier: AuditVerifier | undefined
  /** Starts verifying the audit chain: now, then every `audit-chain` rule's `every`. */
  start(): void
  /** The policy was reloaded: a new `every` applies at once. */
  policyChanged(): void
  /** Stops the verifier, ends live subscriptions and waits (up to `timeoutMs`) for webhook deliveries. */
  close(timeoutMs?: number): Promise<void>
}

function verifyEverySeconds(policy: Policy): number {
  return auditVerifyEverySeconds(effectiveAlertRules(policy)) ?? DEFAULT_VERIFY_EVERY_SECONDS
}

/**
 * Creates the proxy's monitoring: the Monitor (metrics, rate limits, live feed, alert rules over the
 * policy in force) and, when the store can verify its chain, the periodic verifier whose results
 * feed the `audit-chain` alert and the dashboard.
 *
 * @example const m = proxyMonitoring({ policy, log, grants: () => watcher.snapshot(), verify }); m.start()
 */
export function proxyMonitoring(opts: ProxyMonitoringOptions): ProxyMonitoring {
  const monitor = new Monitor({
    policy: opts.policy,
    log: opts.log,
    activeGrants: () => {
      const now = new Date()
      const approval = opts.policy().grantApproval
      let n = 0
      for (const g of opts.grants()) if (grantStatus(g, now, approval) === 'active') n++
      return n
    },
    ...(opts.webhooks && { webhooks: opts.webhooks }),
  })
  const verify = opts.verify
  const verifier =
    verify &&
    new AuditVerifier({
      verify,
      onResult: (status) => {
        if (!status.ok) opts.log.error({ audit: status }, 'audit: the chain failed verification')
        monitor.onAuditVerified(status)
      },
    })
  let every = 0
  const schedule = () => {
    const next = verifyEverySeconds(opts.policy())
    if (!verifier || next === every) return
    every = next
    verifier.start(every * 1000)
  }
  return {
    monitor,
    verifier,
    start: schedule,
    policyChanged: () => {
      if (every !== 0) schedule()
    },
    async close(timeoutMs = 5000) {
      verifier?.stop()
      try {
        await monitor.close(timeoutMs)
      } catch (err) {
        opts.log.error({ err: errorMessage(err) }, 'monitor: closing failed')
      }
    },
  }
}
