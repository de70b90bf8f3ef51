import type { AdminDeps } from '../admin-deps.js'
import type { AdminRoutes } from '../admin-router.js'

/**
 * `GET /v1/health`: the proxy is up; its listeners, upstream and policy. Any authenticated caller.
 *
 * @example curl --unix-socket admin.sock -H "Authorization: Bearer $T" http://airlock/v1/health
 */
export const healthRoutes: AdminRoutes<AdminDeps> = (deps) => [
  {
    method: 'GET',
    path: '/v1/health',
    access: 'any',
    handle: () => ({ status: 200, json: { ok: true, ...deps.health() } }),
  },
]
