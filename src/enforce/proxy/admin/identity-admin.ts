import { InputError } from '../../../errors.js'
import { checkGrantRequest, type GrantRequest } from '../../../identity/grant-request.js'
import { GrantStore, type GrantView, viewGrants } from '../../../identity/grant-store.js'
import { openIdentityDb } from '../../../identity/identity-db.js'
import { isKnownRole } from '../../../identity/role-config.js'
import { type NewToken, type TokenRecord, TokenStore } from '../../../identity/token-store.js'
import type { Policy } from '../../../policy/policy.js'
import { type AdminClientOptions, adminCall } from './admin-client.js'

/** A token as created: shown once. */
export type CreatedToken = TokenRecord & { token: string }

/**
 * Grant and token management, either through a running proxy's admin API or directly on the data
 * dir. `airlock grant` and `airlock token` use one or the other.
 */
export interface IdentityAdmin {
  listGrants(): Promise<GrantView[]>
  createGrant(req: GrantRequest): Promise<GrantView>
  revokeGrant(id: string): Promise<GrantView>
  approveGrant(id: string): Promise<GrantView>
  listTokens(): Promise<TokenRecord[]>
  createToken(t: Omit<NewToken, 'createdBy' | 'id'>): Promise<CreatedToken>
  revokeToken(id: string): Promise<TokenRecord>
  close(): void
}

/**
 * The admin API of a running proxy. The proxy applies changes at once (a revoked grant's containers
 * are stopped before the call returns).
 *
 * @example const admin = remoteAdmin({ url: 'unix:///run/airlock/admin.sock', token })
 */
export function remoteAdmin(opts: AdminClientOptions): IdentityAdmin {
  const call = (method: string, p: string, body?: unknown) => adminCall(opts, method, p, body)
  const id = (s: string) => encodeURIComponent(s)
  return {
    listGrants: async () => (await call('GET', '/v1/grants')) as GrantView[],
    createGrant: async (req) => (await call('POST', '/v1/grants', req)) as GrantView,
    revokeGrant: async (g) => (await call('POST', `/v1/grants/${id(g)}/revoke`)) as GrantView,
    approveGrant: async (g) => (await call('POST', `/v1/grants/${id(g)}/approve`)) as GrantView,
    listTokens: async () => (await call('GET', '/v1/tokens')) as TokenRecord[],
    createToken: async (t) => (await call('POST', '/v1/tokens', t)) as CreatedToken,
    revokeToken: async (t) => (await call('POST', `/v1/tokens/${id(t)}/revoke`)) as TokenRecord,
    close: () => {},
  }
}

/**
 * The data dir itself: the identity database, written directly as `actor`. A running proxy reads
 * the grant store every second, so grant changes apply within a second (token changes at once).
 * The grant and token records carry who made each change and when; the audit log (one writer: the
 * proxy) records what the proxy does with them — use the admin API to have the change itself recorded.
 *
 * @example const admin = localAdmin('/var/lib/airlock', loadPolicy('/etc/airlock/policy.yaml'), 'root')
 */
export function localAdmin(dataDir: string, policy: Policy, actor: string): IdentityAdmin {
  const db = openIdentityDb(dataDir)
  const grants = new GrantStore(db)
  const tokens = new TokenStore(db)
  const now = () => new Date()
  const view = (gid: string) => {
    const v = viewGrants(grants.list(), now(), policy.grantApproval).find((g) => g.id === gid)
    if (!v) throw new InputError(`no grant with id ${gid}`)
    return v
  }
  return {
    listGrants: async () => viewGrants(grants.list(), now(), policy.grantApproval),
    createGrant: async (req) => {
      const checked = checkGrantRequest(req, policy)
      const g = grants.create(checked, actor)
      return view(g.id)
    },
    revokeGrant: async (gid) => {
      grants.revoke(gid, actor)
      return view(gid)
    },
    approveGrant: async (gid) => {
      grants.approve(gid, actor)
      return view(gid)
    },
    listTokens: async () => tokens.list(),
    createToken: async (t) => {
      if (t.role !== undefined && !isKnownRole(t.role, policy.roles))
        throw new InputError(`unknown role "${t.role}"`)
      const { token, record: rec } = tokens.create({ ...t, createdBy: actor })
      return { token, ...rec }
    },
    revokeToken: async (tid) => {
      const rec = tokens.revoke(tid, actor)
      return rec
    },
    close: () => db.close(),
  }
}
