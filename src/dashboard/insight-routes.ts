import { Hono } from 'hono'
import type { StatsResponse } from './api-types.js'
import { auditStats } from './audit-stats.js'
import type { DashboardDeps } from './dashboard-deps.js'
import type { DashboardEnv } from './dashboard-env.js'
import { ruleCatalogue } from './rule-catalogue.js'

const STATS_CACHE_MS = 5000

/**
 * What the dashboard reads besides the feed and grants:
 * - `GET /me`: the principal;
 * - `GET /rules`: the rule catalogue (explanation and fix of every rule);
 * - `GET /stats?minutes=60`: calls per minute by decision, top callers, top denied rules (from the
 *   audit log, cached for 5 s);
 * - `GET /metrics`: the monitor's snapshot (totals, latency quantiles);
 * - `GET /alerts`: the latest alerts sent;
 * - `GET /containers`: running containers with their posture findings (cached for 5 s);
 * - `GET /audit`: the audit chain's last verification and head; `POST /audit/verify` runs one.
 *
 * @example app.route('/api', insightRoutes(deps))
 */
export function insightRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>()
  const now = deps.now ?? (() => new Date())
  const stats = new Map<number, { at: number; value: Promise<StatsResponse> }>()
  let containers: { at: number; value: ReturnType<DashboardDeps['containers']> } | undefined

  app.get('/me', (c) => {
    const { user, role, admin } = c.get('principal')
    return c.json({ user, role, admin })
  })
  app.get('/rules', (c) => c.json(ruleCatalogue()))

  app.get('/stats', async (c) => {
    const minutes = Math.min(1440, Math.max(1, Number.parseInt(c.req.query('minutes') ?? '60', 10) || 60))
    const t = Date.now()
    let hit = stats.get(minutes)
    if (!hit || t - hit.at > STATS_CACHE_MS) {
      hit = { at: t, value: auditStats(deps.audit, { minutes, now: now() }) }
      stats.set(minutes, hit)
      hit.value.catch(() => stats.delete(minutes))
    }
    return c.json(await hit.value)
  })

  app.get('/metrics', (c) => c.json(deps.metrics()))
  app.get('/alerts', (c) => c.json({ items: deps.alerts?.() ?? [] }))

  app.get('/containers', async (c) => {
    const t = Date.now()
    if (!containers || t - containers.at > STATS_CACHE_MS) {
      const value = deps.containers()
      containers = { at: t, value }
      value.catch(() => {
        containers = undefined
      })
    }
    return c.json(await containers.value)
  })

  app.get('/audit', (c) =>
    c.json({ latest: deps.auditChain.latest() ?? null, head: deps.audit.head() ?? null }),
  )
  app.post('/audit/verify', async (c) => c.json(await deps.auditChain.verifyNow()))

  return app
}
