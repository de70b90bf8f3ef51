import { Hono } from 'hono'
import type { DashboardEnv } from './dashboard-env.js'

/**
 * The dashboard `app` mounted at `prefix` of a host app: `<prefix>/` is the page (Hono's strict
 * routing would answer it 404 — a mounted app's `/` is `<prefix>` only), and a path nothing serves
 * gets the dashboard's JSON 404 (a mounted app's `notFound` does not carry over). Create `app` with
 * `basePath: prefix` so its redirects and cookies stay under it.
 *
 * @example
 * const root = mountDashboard(createDashboardApp(deps, { basePath: '/dashboard' }), '/dashboard')
 * await root.request('/dashboard/') // the page (or a redirect to /dashboard/login)
 */
export function mountDashboard(app: Hono<DashboardEnv>, prefix: string): Hono<DashboardEnv> {
  const root = new Hono<DashboardEnv>({ strict: false })
  root.route(prefix, app)
  root.notFound((c) => c.json({ message: `no such dashboard route: ${c.req.method} ${c.req.path}` }, 404))
  return root
}
