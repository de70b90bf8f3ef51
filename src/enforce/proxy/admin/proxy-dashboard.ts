import type { RequestListener } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { createDashboardApp } from '../../../dashboard/dashboard-app.js'
import type { AuditChain, DashboardDeps, GrantsApi } from '../../../dashboard/dashboard-deps.js'
import { mountDashboard } from '../../../dashboard/mount-dashboard.js'
import { runningContainers } from '../../../dashboard/running-containers.js'
import type { Monitor } from '../../../monitor/monitor.js'
import { engineClient } from '../../../scan/engine-client.js'
import type { AdminDeps } from './admin-deps.js'
import { DASHBOARD_PREFIX } from './admin-handler.js'
import { dashboardAuth } from './dashboard-auth.js'
import { revokeGrant } from './grant-revoke.js'

/** What the dashboard of a running proxy reads and does. */
export interface ProxyDashboardDeps {
  /** The audit log (the proxy's SQLite store). */
  audit: DashboardDeps['audit']
  monitor: Pick<Monitor, 'events' | 'snapshot' | 'recentAlerts'>
  /** The audit chain verifier (`AuditVerifier`). */
  auditChain: AuditChain
  /** Grants, tokens, the policy and the audit record of admin actions: the admin API's own. */
  admin: Pick<AdminDeps, 'grants' | 'record' | 'watcher' | 'tokens' | 'policy'>
  /** The daemon, for the running containers and their posture findings. */
  upstreamUrl: string
}

/**
 * The dashboard of a running proxy, as the admin listener mounts it at `/dashboard/`: the live feed
 * from the monitor's event bus, history and stats from the audit log, grants from the grant store
 * (revoked as the signed-in admin, recorded and acted on like the admin API's revoke), running
 * containers judged by the policy in force, the audit chain status from the verifier. Signs in with
 * the admin API's tokens or a client certificate; admins and auditors only. One app (and session
 * table) per admin listener; its session cookie is Secure on a TLS listener.
 *
 * @example adminDeps.dashboard = proxyDashboard({ audit: store, monitor, auditChain: verifier, admin: adminDeps, upstreamUrl })
 */
export function proxyDashboard(d: ProxyDashboardDeps): (listener: { tls: boolean }) => RequestListener {
  const grants: GrantsApi = {
    list: () => d.admin.grants.list(),
    revoke: (id, _by, principal) => {
      if (!principal?.identity) throw new Error('the dashboard did not say who revokes')
      return revokeGrant(d.admin, principal.identity, id)
    },
  }
  const deps: DashboardDeps = {
    audit: d.audit,
    events: d.monitor.events,
    grants,
    containers: () => runningContainers(engineClient(d.upstreamUrl, {}), d.admin.policy()),
    metrics: () => d.monitor.snapshot(),
    auditChain: d.auditChain,
    auth: dashboardAuth((t) => d.admin.tokens.verify(t), d.admin.policy),
    alerts: () => d.monitor.recentAlerts(),
    grantApproval: () => d.admin.policy().grantApproval,
  }
  return ({ tls }) => {
    const app = createDashboardApp(deps, { basePath: DASHBOARD_PREFIX, secureCookies: tls })
    const root = mountDashboard(app, DASHBOARD_PREFIX)
    const listener = getRequestListener(root.fetch, { hostname: 'airlock', overrideGlobalObjects: false })
    return (req, res) => void listener(req, res)
  }
}
