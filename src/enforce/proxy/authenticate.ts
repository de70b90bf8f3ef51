import type { IncomingHttpHeaders } from 'node:http'
import { anonymous, type Identity } from '../../model/identity.js'
import type { Exchange, ListenerInfo } from './exchange.js'
import { Refusal } from './refusal.js'

/** What an authenticator sees of a request: its headers and the listener (TLS details later). */
export interface AuthRequest {
  headers: IncomingHttpHeaders
  listener: ListenerInfo
}

/**
 * Establishes who is calling, per listener. Returns the identity, or throws a 401 Refusal. mTLS and
 * token authenticators implement this same signature.
 */
export type Authenticator = (req: AuthRequest) => Identity | Promise<Identity>

/**
 * The authenticator of a listener without authentication: the caller is the listener itself.
 *
 * @example anonymousAuthenticator({ headers: {}, listener: { name: 'unix:///run/a.sock', kind: 'unix' } }).user
 * // 'listener:unix:///run/a.sock'
 */
export const anonymousAuthenticator: Authenticator = ({ listener }) => anonymous(listener.name)

/**
 * Pass 2 — authenticate: sets `ex.identity` with the listener's authenticator.
 *
 * @example await authenticate(ex, anonymousAuthenticator)
 */
export async function authenticate(ex: Exchange, authenticator: Authenticator): Promise<void> {
  try {
    ex.identity = await authenticator({ headers: ex.headers, listener: ex.listener })
  } catch (err) {
    if (err instanceof Refusal) throw err
    throw new Refusal(401, `airlock: unauthorized: ${err instanceof Error ? err.message : String(err)}`)
  }
}
