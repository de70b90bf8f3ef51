import type { AuditStore } from '../audit/audit-store.js'
import type { Grant } from '../model/grant.js'
import type { Identity } from '../model/identity.js'
import type { Alert } from '../monitor/alerts/alert.js'
import type { AuditStatus } from '../monitor/audit-status.js'
import type { DecisionSummary } from '../monitor/decision-summary.js'
import type { EventBus } from '../monitor/event-bus.js'
import type { MetricsSnapshot } from '../monitor/metrics-snapshot.js'
import type { ContainerItem, Me } from './api-types.js'

/**
 * Who passed the dashboard's check: an admin or an auditor, and (when the host knows it) the caller
 * as it authenticated them, for the audit records of what they do (`/api/me` shows only `Me`).
 */
export interface DashboardPrincipal extends Me {
  identity?: Identity
}

/**
 * The admin/auditor check. `verifyToken` names the principal of a bearer token (the admin API's
 * tokens); it returns undefined for a valid token of a caller without the admin or audit right, and
 * throws `Unauthenticated` (code `E_UNAUTHENTICATED`) with the reason for a token that is not valid
 * (unknown, revoked or expired), so the login page can say which. `fromConnection`, when given, may
 * establish the principal from the connection itself (a client certificate on the admin listener):
 * it gets @hono/node-server's bindings (`env.incoming`).
 */
export interface DashboardAuth {
  verifyToken(token: string): DashboardPrincipal | undefined | Promise<DashboardPrincipal | undefined>
  fromConnection?(env: unknown): DashboardPrincipal | undefined
}

/** Grants as the dashboard reads and revokes them (`GrantStore` fits). */
export interface GrantsApi {
  list(): readonly Grant[] | Promise<readonly Grant[]>
  /**
   * Revokes a grant as `by` (the signed-in admin: `principal`); throws `InputError` for an unknown
   * or already revoked grant.
   */
  revoke(id: string, by: string, principal?: DashboardPrincipal): Grant | Promise<Grant>
}

/** The running containers with their posture findings (see `runningContainers`). */
export type ContainersLister = () => Promise<{ items: ContainerItem[]; errors: string[] }>

/** The audit chain's status: the last verification, and a way to run one now (`AuditVerifier` fits). */
export interface AuditChain {
  latest(): AuditStatus | undefined
  verifyNow(): Promise<AuditStatus>
}

/** Everything the dashboard reads and does, passed in (stubs in tests, the proxy's objects in phase 2). */
export interface DashboardDeps {
  audit: Pick<AuditStore, 'query' | 'get' | 'head'>
  events: EventBus<DecisionSummary>
  grants: GrantsApi
  containers: ContainersLister
  metrics: () => MetricsSnapshot
  auditChain: AuditChain
  auth: DashboardAuth
  /** The latest alerts (`Monitor.recentAlerts`). */
  alerts?: () => readonly Alert[]
  /** Whether grants need a second admin's approval (policy `grants.requireApproval`). */
  grantApproval?: () => boolean
  now?: () => Date
}

/** Options of the app itself. */
export interface DashboardOptions {
  /** Where the esbuild bundle is (default: `build/dashboard`, next to the compiled server). */
  assetsDir?: string
  /** The path the app is mounted at, for the session cookie (default `/`). */
  basePath?: string
  /** Session lifetime after a login (default 8 h). */
  sessionTtlSeconds?: number
  /** Mark the session cookie Secure (default: when the request came over https). */
  secureCookies?: boolean
  /** SSE keep-alive comment interval (default 15 s). */
  heartbeatMs?: number
  /**
   * How often an open live stream checks that its sign-in still holds, ending it once the token is
   * revoked or expired, its role loses the right, or the session ends (default 5 s).
   */
  recheckMs?: number
}
