import { AirlockError } from '../errors.js'
import type { DashboardAuth, DashboardPrincipal } from './dashboard-deps.js'

/** What a token is worth to the dashboard: a principal, or why it is refused. */
export type TokenVerdict = { principal: DashboardPrincipal } | { refused: string }

/**
 * Checks a token with `auth.verifyToken`: its principal, or the reason it is refused — not valid
 * (unknown, revoked or expired: the `Unauthenticated` message) or valid but without the admin or
 * audit right. Any other failure of the check is thrown (fail closed).
 *
 * @example const v = await tokenVerdict(deps.auth, 'alk_…'); if ('refused' in v) showLogin(v.refused)
 */
export async function tokenVerdict(auth: DashboardAuth, token: string): Promise<TokenVerdict> {
  try {
    const principal = await auth.verifyToken(token)
    return principal ? { principal } : { refused: 'that token does not belong to an admin or an auditor' }
  } catch (err) {
    if (err instanceof AirlockError && err.code === 'E_UNAUTHENTICATED') return { refused: err.message }
    throw err
  }
}
