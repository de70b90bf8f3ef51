import type { VerifyToken } from '../../identity/bearer-token.js'
import { listenerAuthenticator } from '../../identity/listener-authenticator.js'
import type { AuthMode, ListenerSpec } from '../../identity/listener-identity.js'
import type { Authenticator } from './authenticate.js'
import { type Endpoint, endpointUrl, isLoopbackHost } from './endpoint.js'

/**
 * Whether a listener requires identity: always over TLS and on plain TCP beyond loopback (forced
 * with --insecure-tcp); elsewhere as the `auth=` setting says, by default optional (a caller nobody
 * identified is the listener itself, with admin rights — how Airlock behaved before identities).
 *
 * @example effectiveAuthMode(parseEndpoint('tcp://127.0.0.1:2375'), {}, false) // 'optional'
 */
export function effectiveAuthMode(
  endpoint: Endpoint,
  spec: Pick<ListenerSpec, 'auth'>,
  tls: boolean,
): AuthMode {
  if (tls && endpoint.kind === 'tcp') return 'required'
  if (endpoint.kind === 'tcp' && !isLoopbackHost(endpoint.host)) return 'required'
  return spec.auth ?? 'optional'
}

/**
 * The authenticator of one listener: client certificate, bearer token, configured identity, or the
 * listener itself where identity is optional (see `listenerAuthenticator`).
 *
 * @example const auth = authenticatorFor(endpoint, spec, { tls: false, verifyToken: (t) => tokens.verify(t) })
 */
export function authenticatorFor(
  endpoint: Endpoint,
  spec: ListenerSpec,
  opts: { tls: boolean; verifyToken?: VerifyToken },
): Authenticator {
  const auth = listenerAuthenticator({
    name: endpointUrl(endpoint),
    auth: effectiveAuthMode(endpoint, spec, opts.tls),
    ...(spec.identity && { identity: spec.identity }),
    ...(opts.verifyToken && { verifyToken: opts.verifyToken }),
  })
  return (req) => {
    const header = req.headers.authorization
    return auth({ authorization: Array.isArray(header) ? header[0] : header, peer: req.peer })
  }
}
