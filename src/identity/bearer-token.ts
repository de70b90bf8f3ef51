import type { Identity } from '../model/identity.js'
import type { TokenRecord } from './token-store.js'
import { Unauthenticated } from './unauthenticated.js'

/** Looks a token up: its record when valid, else undefined. `TokenStore#verify` implements it. */
export type VerifyToken = (token: string) => TokenRecord | undefined

/**
 * The token in an `Authorization` header: `Bearer <token>` (scheme case-insensitive, as RFC 9110
 * says). Undefined without a header; `Unauthenticated` for any other scheme or shape, so a
 * malformed credential is never silently ignored.
 *
 * @example bearerToken('Bearer alk_abc') // 'alk_abc'
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  const m = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)[ ]*$/i.exec(header)
  if (!m) throw new Unauthenticated('the Authorization header must be "Bearer <token>"')
  return m[1] as string
}

/**
 * The identity of a bearer token: the token's name as user, its groups and role. Throws
 * `Unauthenticated` for a token that is unknown, revoked or expired.
 *
 * @example tokenIdentity('alk_...', (t) => tokens.verify(t)) // { user: 'alice', groups: ['dev'], via: 'token' }
 */
export function tokenIdentity(token: string, verify: VerifyToken): Identity {
  const rec = verify(token)
  if (!rec) throw new Unauthenticated('the bearer token is not valid (unknown, revoked or expired)')
  return {
    user: rec.name,
    groups: [...rec.groups],
    ...(rec.role !== undefined && { role: rec.role }),
    via: 'token',
  }
}
