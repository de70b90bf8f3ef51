import type { AdminDeps } from '../admin-deps.js'
import { AdminError, type AdminRoutes } from '../admin-router.js'

/**
 * `GET /metrics`: every metric of the monitor's registry in Prometheus text format (requests by
 * action kind, decision and caller; Airlock and daemon latency; upstream errors; active streams;
 * rate-limited calls; audit write latency and chain status; active grants; alerts; process metrics). Admins and
 * auditors (a scraper uses an auditor token: `authorization.credentials_file`).
 *
 * @example curl -H "Authorization: Bearer $T" http://127.0.0.1:9901/metrics
 */
export const metricsRoutes: AdminRoutes<AdminDeps> = (deps) => [
  {
    method: 'GET',
    path: '/metrics',
    access: 'audit',
    handle: async () => {
      if (!deps.metrics) throw new AdminError(404, 'monitoring is off (--no-monitor): no metrics')
      return { status: 200, text: await deps.metrics.text(), contentType: deps.metrics.contentType }
    },
  },
]
