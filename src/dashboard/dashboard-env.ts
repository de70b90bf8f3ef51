import type { DashboardPrincipal } from './dashboard-deps.js'

/** How the principal of a request was established. */
export type AuthVia = 'bearer' | 'cookie' | 'connection'

/** The Hono environment of the dashboard app: who is asking, and how they proved it. */
export interface DashboardEnv {
  Variables: { principal: DashboardPrincipal; via: AuthVia }
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
