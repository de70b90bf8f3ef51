import type { Socket } from 'node:net'
import type { DashboardAuth, DashboardPrincipal } from '../../../dashboard/dashboard-deps.js'
import { tokenIdentity, type VerifyToken } from '../../../identity/bearer-token.js'
import { certificateIdentity } from '../../../identity/peer-certificate.js'
import type { Identity } from '../../../model/identity.js'
import type { Policy } from '../../../policy/policy.js'
import { callerRole } from '../authorize-pass.js'
import { peerCertificate } from '../peer.js'

/**
 * The dashboard principal of an authenticated caller: its role must give the admin or the audit
 * right (admin, auditor, or a policy role with `admin`/`audit`); anyone else gets nothing.
 *
 * @example principalOf({ user: 'ada', groups: [], role: 'auditor', via: 'token' }, policy) // { user: 'ada', role: 'auditor', admin: false, identity }
 */
export function principalOf(identity: Identity, policy: Policy): DashboardPrincipal | undefined {
  const role = callerRole(identity, policy)
  if (!role || !(role.admin || role.audit)) return undefined
  return { user: identity.user, role: role.name, admin: role.admin, identity }
}

function socketOf(env: unknown): Socket | undefined {
  const incoming = (env as { incoming?: { socket?: Socket } } | undefined)?.incoming
  return incoming?.socket
}

/**
 * How the dashboard on an admin listener signs callers in, with the admin API's own credentials:
 * a bearer token from the token store (the bootstrap admin token included; one that is unknown,
 * revoked or expired throws `Unauthenticated` with that reason), or — on a TLS admin listener — the
 * verified client certificate of the connection. Only admins and auditors get in.
 *
 * @example createDashboardApp({ ...deps, auth: dashboardAuth((t) => tokens.verify(t), () => holder.current) })
 */
export function dashboardAuth(verify: VerifyToken, policy: () => Policy): DashboardAuth {
  return {
    verifyToken(token) {
      return principalOf(tokenIdentity(token, verify), policy())
    },
    fromConnection(env) {
      const socket = socketOf(env)
      const peer = socket && peerCertificate(socket)
      if (!peer) return undefined
      try {
        return principalOf(certificateIdentity(peer), policy())
      } catch {
        return undefined
      }
    },
  }
}
