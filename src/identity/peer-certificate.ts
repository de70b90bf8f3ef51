import type { Identity } from '../model/identity.js'
import { isValidName } from './names.js'
import { Unauthenticated } from './unauthenticated.js'

/** What the TLS layer says about a client certificate (node's `getPeerCertificate()` subset). */
export interface PeerCertificate {
  /** The chain was verified against the listener's CA. */
  authorized: boolean
  /** Subject attributes; a repeated attribute is an array. */
  subject: Readonly<Record<string, string | readonly string[] | undefined>>
  fingerprint256?: string
}

/** OU values of this form give the role: `role:admin`. */
export const ROLE_OU_PREFIX = 'role:'

function values(v: string | readonly string[] | undefined): string[] {
  if (v === undefined) return []
  return typeof v === 'string' ? [v] : [...v]
}

/**
 * The identity a verified client certificate carries: CN is the user, every O and OU a group,
 * except an OU `role:<name>`, which is the role. An unverified certificate, a missing or invalid CN,
 * or more than one role throws `Unauthenticated`.
 *
 * @example certificateIdentity({ authorized: true, subject: { CN: 'alice', O: 'dev', OU: 'role:admin' } })
 * // { user: 'alice', groups: ['dev'], role: 'admin', via: 'mtls' }
 */
export function certificateIdentity(peer: PeerCertificate): Identity {
  if (!peer.authorized)
    throw new Unauthenticated("the client certificate is not signed by this listener's CA")
  const cns = values(peer.subject['CN'])
  const user = cns[0]
  if (cns.length !== 1 || user === undefined || !isValidName(user)) {
    throw new Unauthenticated('the client certificate needs exactly one CN that is a valid user name')
  }
  const groups: string[] = []
  const roles: string[] = []
  for (const v of [...values(peer.subject['O']), ...values(peer.subject['OU'])]) {
    if (v.startsWith(ROLE_OU_PREFIX)) roles.push(v.slice(ROLE_OU_PREFIX.length))
    else if (isValidName(v) && !groups.includes(v)) groups.push(v)
  }
  if (roles.length > 1)
    throw new Unauthenticated(`the client certificate names ${roles.length} roles; give one`)
  return { user, groups, ...(roles[0] !== undefined && { role: roles[0] }), via: 'mtls' }
}
