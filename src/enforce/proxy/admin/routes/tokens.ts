import { isKnownRole } from '../../../../identity/role-config.js'
import type { AdminDeps } from '../admin-deps.js'
import { AdminError, type AdminRequest, type AdminRoutes } from '../admin-router.js'

function body(req: AdminRequest): Record<string, unknown> {
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
    throw new AdminError(400, 'the body must be a JSON object')
  }
  return req.body as Record<string, unknown>
}

/**
 * Tokens: `GET /v1/tokens` (records, never the tokens), `POST /v1/tokens` (`{name, groups?, role?,
 * ttlSeconds?}`; answers the token once), `POST /v1/tokens/:id/revoke`. Admins only; recorded.
 */
export const tokenRoutes: AdminRoutes<AdminDeps> = (deps) => [
  {
    method: 'GET',
    path: '/v1/tokens',
    access: 'admin',
    handle: () => ({ status: 200, json: deps.tokens.list() }),
  },
  {
    method: 'POST',
    path: '/v1/tokens',
    access: 'admin',
    handle: (req) => {
      const b = body(req)
      const role = typeof b['role'] === 'string' && b['role'] !== '' ? b['role'] : undefined
      if (role !== undefined && !isKnownRole(role, deps.policy().roles))
        throw new AdminError(400, `unknown role "${role}"`)
      const groups = Array.isArray(b['groups']) ? b['groups'].map(String) : []
      const ttl =
        b['ttlSeconds'] === undefined || b['ttlSeconds'] === null ? undefined : Number(b['ttlSeconds'])
      const name = String(b['name'] ?? '')
      deps.record({
        caller: req.caller,
        actionKind: 'token.create',
        target: name,
        message: `token for ${name}${role ? ` (role ${role})` : ''}`,
      })
      const created = deps.tokens.create({
        name,
        groups,
        ...(role !== undefined && { role }),
        ...(ttl !== undefined && { ttlSeconds: ttl }),
        createdBy: req.caller.user,
      })
      return { status: 201, json: { token: created.token, ...created.record } }
    },
  },
  {
    method: 'POST',
    path: '/v1/tokens/:id/revoke',
    access: 'admin',
    handle: (req) => {
      const id = req.params['id'] ?? ''
      if (!deps.tokens.get(id)) throw new AdminError(404, `no token with id ${id}`)
      deps.record({
        caller: req.caller,
        actionKind: 'token.revoke',
        target: id,
        message: `token ${id} revoked`,
      })
      return { status: 200, json: deps.tokens.revoke(id, req.caller.user) }
    },
  },
]
