import type { AdminDeps } from '../admin-deps.js'
import type { AdminRoutes } from '../admin-router.js'

/**
 * Probes, open to anyone who can reach the admin listener (they reveal no data):
 * - `GET /healthz`: the process is alive and serving (200 `ok`);
 * - `GET /readyz`: the daemon answers `_ping`, a policy is loaded and the audit log takes writes —
 *   each check reported; 200 when all pass, else 503.
 *
 * @example curl -fsS http://127.0.0.1:9901/readyz
 */
export const probeRoutes: AdminRoutes<AdminDeps> = (deps) => [
  {
    method: 'GET',
    path: '/healthz',
    access: 'public',
    handle: () => ({ status: 200, text: 'ok\n', contentType: 'text/plain; charset=utf-8' }),
  },
  {
    method: 'GET',
    path: '/readyz',
    access: 'public',
    handle: async () => {
      const r = await deps.readiness()
      return { status: r.ok ? 200 : 503, json: r }
    },
  },
]
