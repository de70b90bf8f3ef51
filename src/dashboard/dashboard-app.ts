import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { errorMessage } from '../errors.js'
import { requireAuth } from './auth.js'
import type { DashboardDeps, DashboardOptions } from './dashboard-deps.js'
import { type DashboardEnv, normalizeBase } from './dashboard-env.js'
import { eventsRoutes } from './events-routes.js'
import { grantsRoutes } from './grants-routes.js'
import { pageShell } from './html.js'
import { insightRoutes } from './insight-routes.js'
import { loginRoutes } from './login-routes.js'
import { Sessions } from './sessions.js'
import { DEFAULT_ASSETS_DIR, readAsset } from './static-assets.js'

/**
 * The dashboard: a Hono app serving the Preact page, its bundle and the JSON API under `/api`.
 * Public: `/login`, `/logout` and `/assets/*` (the bundle: code, no data). Everything else needs
 * an admin or auditor (see `requireAuth`); revoking grants needs an admin. Mount it on the admin
 * listener (`admin.route('/dashboard', app)` with `basePath: '/dashboard'`) or serve it alone.
 *
 * @example
 * const app = createDashboardApp({ audit, events: monitor.events, grants, containers, metrics: () => monitor.snapshot(), auditChain: verifier, auth })
 * serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 9901 })
 */
export function createDashboardApp(deps: DashboardDeps, opts: DashboardOptions = {}): Hono<DashboardEnv> {
  const base = normalizeBase(opts.basePath)
  const sessions = new Sessions((opts.sessionTtlSeconds ?? 8 * 3600) * 1000)
  const assetsDir = opts.assetsDir ?? DEFAULT_ASSETS_DIR
  const app = new Hono<DashboardEnv>()

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
    }),
  )

  app.get('/assets/:name', async (c) => {
    const asset = await readAsset(assetsDir, c.req.param('name'))
    if (!asset) return c.text('not found', 404)
    return c.body(new Uint8Array(asset.body), 200, {
      'Content-Type': asset.type,
      'Cache-Control': 'no-cache',
    })
  })
  app.route(
    '/',
    loginRoutes(deps.auth, sessions, {
      base,
      ttlSeconds: opts.sessionTtlSeconds ?? 8 * 3600,
      secure: opts.secureCookies,
    }),
  )

  app.use('*', requireAuth(deps.auth, sessions, base))
  app.use('/api/*', async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
  })
  app.get('/', (c) => c.html(pageShell(base)))
  app.route(
    '/api',
    eventsRoutes(deps, { heartbeatMs: opts.heartbeatMs ?? 15_000, recheckMs: opts.recheckMs ?? 5000 }),
  )
  app.route('/api', grantsRoutes(deps))
  app.route('/api', insightRoutes(deps))

  app.notFound((c) => c.json({ message: `no such dashboard route: ${c.req.method} ${c.req.path}` }, 404))
  app.onError((err, c) => c.json({ message: `airlock: dashboard error: ${errorMessage(err)}` }, 500))
  return app
}
