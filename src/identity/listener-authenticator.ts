import { anonymous, type Identity } from '../model/identity.js'
import { bearerToken, tokenIdentity, type VerifyToken } from './bearer-token.js'
import type { AuthMode, ConfiguredIdentity } from './listener-identity.js'
import { certificateIdentity, type PeerCertificate } from './peer-certificate.js'
import { Unauthenticated } from './unauthenticated.js'

/** How one listener identifies callers. */
export interface ListenerAuthOptions {
  /** The listener's name (its URL): the caller's name when nobody is identified. */
  name: string
  /** `required`: a caller that cannot be identified is refused (401). */
  auth: AuthMode
  /** Set for unix sockets that carry an identity. */
  identity?: ConfiguredIdentity
  /** Token lookup; without it, Authorization headers are refused. */
  verifyToken?: VerifyToken
}

/** What the authenticator reads of a request. */
export interface Credentials {
  authorization?: string | undefined
  /** The client certificate on a TLS listener. */
  peer?: PeerCertificate | undefined
}

/**
 * Identifies a caller, in order: a client certificate (TLS listeners), else an `Authorization:
 * Bearer` token, else the listener's configured identity, else — only where identity is optional —
 * the listener itself. A credential that is present but invalid is refused, never skipped.
 *
 * @example
 * const auth = listenerAuthenticator({ name: 'unix:///run/a.sock', auth: 'optional', identity: { user: 'ci', groups: [] } })
 * auth({}) // { user: 'ci', groups: [], via: 'socket' }
 */
export function listenerAuthenticator(opts: ListenerAuthOptions): (c: Credentials) => Identity {
  return (c) => {
    if (c.peer) return certificateIdentity(c.peer)
    const token = bearerToken(c.authorization)
    if (token !== undefined) {
      if (!opts.verifyToken) throw new Unauthenticated('this listener does not take bearer tokens')
      return tokenIdentity(token, opts.verifyToken)
    }
    if (opts.identity) {
      const { user, groups, role } = opts.identity
      return { user, groups: [...groups], ...(role !== undefined && { role }), via: 'socket' }
    }
    if (opts.auth === 'optional') return anonymous(opts.name)
    throw new Unauthenticated(
      'this listener requires identification: a client certificate (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) or an "Authorization: Bearer <token>" header (HttpHeaders in the docker config.json)',
    )
  }
}
