import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { DashboardAuth, DashboardPrincipal } from './dashboard-deps.js'
import { type AuthVia, CSRF_HEADER, type DashboardEnv, SESSION_COOKIE } from './dashboard-env.js'
import type { Sessions } from './sessions.js'
import { tokenVerdict } from './token-verdict.js'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The bearer token of an `Authorization` header, or undefined when it is not `Bearer <token>`.
 *
 * @example bearerToken('Bearer alk_abc') // 'alk_abc'
 */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer[ \t]+([\x21-\x7e]+)[ \t]*$/i.exec(header ?? '')
  return m?.[1]
}

const SIGN_IN = 'sign in first: a bearer token or a dashboard session is required'

function unauthenticated(c: Context<DashboardEnv>, base: string, why: string): Response {
  if (c.req.path.includes('/api/')) {
    c.header('WWW-Authenticate', 'Bearer realm="airlock"')
    return c.json({ message: `airlock: unauthorized: ${why}` }, 401)
  }
  return c.redirect(`${base}login`, 302)
}

type Who = { principal: DashboardPrincipal; via: AuthVia } | { refused: string }

async function principalOf(c: Context<DashboardEnv>, auth: DashboardAuth, sessions: Sessions): Promise<Who> {
  const header = c.req.header('authorization')
  if (header !== undefined) {
    // An Authorization header that does not verify is refused, whatever else the request carries.
    const token = bearerToken(header)
    if (token === undefined) return { refused: 'the Authorization header must be "Bearer <token>"' }
    const verdict = await tokenVerdict(auth, token)
    return 'refused' in verdict ? verdict : { principal: verdict.principal, via: 'bearer' }
  }
  const sid = getCookie(c, SESSION_COOKIE)
  const session = sid === undefined ? undefined : sessions.get(sid)
  if (sid !== undefined && session) {
    // The token must still hold (not revoked, not expired, the role still admits it): checked on every use.
    const verdict = await tokenVerdict(auth, session.token)
    if ('refused' in verdict) {
      sessions.delete(sid)
      return { refused: `the session ended: ${verdict.refused}` }
    }
    return { principal: verdict.principal, via: 'cookie' }
  }
  const fromConnection = auth.fromConnection?.(c.env)
  return fromConnection ? { principal: fromConnection, via: 'connection' } : { refused: SIGN_IN }
}

/**
 * Every route behind it needs a principal: a bearer token `auth` verifies, a session cookie from
 * `/login` (whose token is verified again on each use, so revoking it ends the session), or (when
 * `auth` can) the connection itself. Unauthenticated API calls get 401, pages a
 * redirect to the login page. A cookie-authenticated request that changes something must also
 * carry `X-Airlock-CSRF: 1`, which no cross-site form or image can send. Routes that answer for
 * long (the live stream) call `c.get('recheck')` now and then to end when the sign-in no longer holds.
 *
 * @example app.use('*', requireAuth(deps.auth, sessions, '/'))
 */
export function requireAuth(
  auth: DashboardAuth,
  sessions: Sessions,
  base: string,
): MiddlewareHandler<DashboardEnv> {
  return async (c, next) => {
    const who = await principalOf(c, auth, sessions)
    if ('refused' in who) return unauthenticated(c, base, who.refused)
    if (who.via === 'cookie' && !SAFE_METHODS.has(c.req.method) && c.req.header(CSRF_HEADER) !== '1') {
      return c.json(
        { message: `airlock: refused: a session request that changes something needs ${CSRF_HEADER}: 1` },
        403,
      )
    }
    c.set('principal', who.principal)
    c.set('via', who.via)
    c.set('recheck', async () => {
      const again = await principalOf(c, auth, sessions)
      return 'refused' in again ? again.refused : undefined
    })
    await next()
  }
}

/**
 * Refuses principals without the admin right (revoking grants).
 *
 * @example app.post('/api/grants/:id/revoke', requireAdmin, handler)
 */
export const requireAdmin: MiddlewareHandler<DashboardEnv> = async (c, next) => {
  if (!c.get('principal').admin) {
    return c.json({ message: `airlock: forbidden: ${c.get('principal').user} is not an admin` }, 403)
  }
  await next()
}
