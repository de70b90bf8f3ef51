import type { IncomingHttpHeaders } from 'node:http'
import type { PeerCertificate } from '../../identity/peer-certificate.js'
import { anonymous, type Identity } from '../../model/identity.js'
import type { Exchange, ListenerInfo } from './exchange.js'
import { Refusal } from './refusal.js'

/** What an authenticator sees of a request: its headers, the listener and the client certificate. */
export interface AuthRequest {
  headers: IncomingHttpHeaders
  listener: ListenerInfo
  /** The verified client certificate, on TLS listeners. */
  peer?: PeerCertificate | undefined
}

/**
 * Establishes who is calling, per listener. Returns the identity, or throws (any error becomes a
 * 401 with its message). See `src/identity/listener-authenticator.ts`.
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
    ex.identity = await authenticator({ headers: ex.headers, listener: ex.listener, peer: ex.peer })
  } catch (err) {
    if (err instanceof Refusal) throw err
    throw new Refusal(401, `airlock: unauthorized: ${err instanceof Error ? err.message : String(err)}`)
  }
}
