import type { DashboardPrincipal } from './dashboard-deps.js'

/** How the principal of a request was established. */
export type AuthVia = 'bearer' | 'cookie' | 'connection'

/**
 * Checks again that a request's credentials still hold (the token not revoked or expired, its role
 * still admitting it, the session not ended): undefined while they do, else why not.
 */
export type Recheck = () => Promise<string | undefined>

/**
 * The Hono environment of the dashboard app: who is asking, how they proved it, and a way to check
 * that proof again (long-lived answers such as the live stream).
 */
export interface DashboardEnv {
  Variables: { principal: DashboardPrincipal; via: AuthVia; recheck: Recheck }
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'airlock_session'

/** The header cookie-authenticated requests that change something must carry (CSRF guard). */
export const CSRF_HEADER = 'x-airlock-csrf'

/**
 * `basePath` with exactly one trailing slash.
 *
 * @example normalizeBase('/dashboard') // '/dashboard/'
 */
export function normalizeBase(basePath = '/'): string {
  return `/${basePath.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/')
}
