import { Hono } from 'hono'
import { AirlockError, errorMessage } from '../errors.js'
import { requireAdmin } from './auth.js'
import type { DashboardDeps } from './dashboard-deps.js'
import type { DashboardEnv } from './dashboard-env.js'
import { grantItem } from './grant-items.js'

/**
 * Grants: `GET /grants` (every grant with its status and seconds left, and the server's clock) and
 * `POST /grants/:id/revoke` (admins only; 400 with the reason when the grant cannot be revoked).
 *
 * @example app.route('/api', grantsRoutes(deps))
 */
export function grantsRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>()
  const now = deps.now ?? (() => new Date())
  const approval = () => deps.grantApproval?.() ?? false

  app.get('/grants', async (c) => {
    const at = now()
    const grants = await deps.grants.list()
    const items = grants.map((g) => grantItem(g, at, approval()))
    items.sort((a, b) => (a.expiresAt < b.expiresAt ? 1 : -1))
    return c.json({ now: at.toISOString(), items })
  })

  app.post('/grants/:id/revoke', requireAdmin, async (c) => {
    try {
      const principal = c.get('principal')
      const g = await deps.grants.revoke(c.req.param('id'), principal.user, principal)
      return c.json(grantItem(g, now(), approval()))
    } catch (err) {
      if (err instanceof AirlockError && err.code === 'E_INPUT') return c.json({ message: err.message }, 400)
      throw new Error(`revoking grant ${c.req.param('id')} failed: ${errorMessage(err)}`, { cause: err })
    }
  })

  return app
}
