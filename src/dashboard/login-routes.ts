import { type Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { DashboardAuth } from './dashboard-deps.js'
import { type DashboardEnv, SESSION_COOKIE } from './dashboard-env.js'
import { loginPage } from './html.js'
import type { Sessions } from './sessions.js'
import { tokenVerdict } from './token-verdict.js'

export interface LoginOptions {
  base: string
  ttlSeconds: number
  /** Undefined: Secure when the request came over https. */
  secure: boolean | undefined
}

/**
 * `/login` and `/logout`: exchanges a token (`GET /login?token=…`, or the form's POST) for a session
 * cookie (HttpOnly, SameSite=Strict, scoped to the app's path) and redirects to the dashboard, so
 * the token leaves the address bar at once. A token that is not valid, or names no admin or auditor,
 * gets the form again with a 401 and the reason.
 *
 * @example app.route('/', loginRoutes(deps.auth, sessions, { base: '/', ttlSeconds: 28800, secure: undefined }))
 */
export function loginRoutes(auth: DashboardAuth, sessions: Sessions, opts: LoginOptions): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>()
  const exchange = async (c: Context<DashboardEnv>, token: string | undefined) => {
    if (!token) return c.html(loginPage(opts.base), token === undefined ? 200 : 400)
    const verdict = await tokenVerdict(auth, token)
    if ('refused' in verdict) return c.html(loginPage(opts.base, `Sign-in refused: ${verdict.refused}.`), 401)
    const { principal } = verdict
    const secure = opts.secure ?? new URL(c.req.url).protocol === 'https:'
    setCookie(c, SESSION_COOKIE, sessions.create(principal, token), {
      httpOnly: true,
      sameSite: 'Strict',
      secure,
      path: opts.base,
      maxAge: opts.ttlSeconds,
    })
    c.header('Cache-Control', 'no-store')
    c.header('Referrer-Policy', 'no-referrer')
    return c.redirect(opts.base, 303)
  }
  app.get('/login', (c) => exchange(c, c.req.query('token')))
  app.post('/login', async (c) => {
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
    const token = typeof body['token'] === 'string' ? body['token'] : ''
    return exchange(c, token)
  })
  app.post('/logout', (c) => {
    const sid = getCookie(c, SESSION_COOKIE)
    if (sid !== undefined) sessions.delete(sid)
    deleteCookie(c, SESSION_COOKIE, { path: opts.base })
    return c.redirect(`${opts.base}login`, 303)
  })
  return app
}
