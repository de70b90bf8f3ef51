import type { RequestListener } from 'node:http'
import type { AuditEventInput } from '../../../audit/audit-event.js'
import type { AuditStore } from '../../../audit/audit-store.js'
import type { GrantStore } from '../../../identity/grant-store.js'
import type { TokenStore } from '../../../identity/token-store.js'
import type { Policy } from '../../../policy/policy.js'
import type { GrantWatcher } from '../grant-watcher.js'
import type { Readiness } from './readiness.js'

/** What the admin API's route modules use. */
export interface AdminDeps {
  grants: GrantStore
  tokens: TokenStore
  watcher: Pick<GrantWatcher, 'settleNow' | 'refresh'>
  policy: () => Policy
  /** Records an admin action durably (throws when it cannot: the action is then not taken). */
  record: (
    event: Pick<AuditEventInput, 'caller' | 'actionKind' | 'target' | 'message' | 'grantIds' | 'extra'>,
  ) => void
  /** Reads the audit log; undefined when the proxy's store does not offer reads. */
  auditQuery?: AuditStore['query']
  /** What `/v1/health` reports. */
  health: () => Record<string, unknown>
  /** What `/readyz` reports: the daemon, the policy, the audit log. */
  readiness: () => Promise<Readiness>
  /** The Prometheus registry's text (`MonitorMetrics` fits); undefined when monitoring is off. */
  metrics?: { text(): Promise<string>; readonly contentType: string } | undefined
  /**
   * The dashboard, served under `/dashboard/` of each admin listener: a Node request listener made
   * per listener (`tls`: the listener is served over TLS, so session cookies are Secure).
   */
  dashboard?: ((listener: { tls: boolean }) => RequestListener) | undefined
}
