/** Who is calling: established per listener by a client certificate, a bearer token or the socket. */
export interface Identity {
  /** User name: certificate CN, token name, or the identity configured for a unix socket. */
  user: string
  groups: string[]
  /** Built-in or policy-defined role: viewer, developer, admin, auditor. */
  role?: string
  /** How the identity was established. */
  via: 'listener' | 'mtls' | 'token' | 'socket' | 'cli'
}

/** The identity of a caller nobody authenticated: the listener's name. */
export function anonymous(listener: string): Identity {
  return { user: `listener:${listener}`, groups: [], via: 'listener' }
}
