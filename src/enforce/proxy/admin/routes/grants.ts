import { InputError } from '../../../../errors.js'
import { checkGrantRequest } from '../../../../identity/grant-request.js'
import { viewGrants } from '../../../../identity/grant-store.js'
import type { AdminDeps } from '../admin-deps.js'
import { AdminError, type AdminRequest, type AdminRoutes } from '../admin-router.js'
import { revokeGrant } from '../grant-revoke.js'

function strings(v: unknown): string[] {
  return Array.isArray(v)
    ? v.filter((x): x is string => typeof x === 'string')
    : typeof v === 'string'
      ? v.split(',')
      : []
}

function optString(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key]
  return typeof v === 'string' && v !== '' ? v : undefined
}

function bodyObject(req: AdminRequest): Record<string, unknown> {
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
    throw new AdminError(400, 'the body must be a JSON object')
  }
  return req.body as Record<string, unknown>
}

/**
 * Grants: `GET /v1/grants` (every grant with its status), `POST /v1/grants` (`{subject, rules,
 * image?, container?, ttlSeconds, reason}`), `POST /v1/grants/:id/revoke` (the grant's containers
 * are dealt with before the answer), `POST /v1/grants/:id/approve` (by another admin). Admins only;
 * every change is recorded in the audit log.
 */
export const grantRoutes: AdminRoutes<AdminDeps> = (deps) => {
  const view = (now = new Date()) => viewGrants(deps.grants.list(), now, deps.policy().grantApproval)
  return [
    { method: 'GET', path: '/v1/grants', access: 'admin', handle: () => ({ status: 200, json: view() }) },
    {
      method: 'POST',
      path: '/v1/grants',
      access: 'admin',
      handle: (req) => {
        const b = bodyObject(req)
        const image = optString(b, 'image')
        const container = optString(b, 'container')
        const checked = checkGrantRequest(
          {
            subject: String(b['subject'] ?? ''),
            rules: strings(b['rules']),
            ttlSeconds: Number(b['ttlSeconds']),
            reason: String(b['reason'] ?? ''),
            ...(image !== undefined && { image }),
            ...(container !== undefined && { container }),
          },
          deps.policy(),
        )
        deps.record({
          caller: req.caller,
          actionKind: 'grant.create',
          target: checked.subject,
          message: `grant for ${checked.subject}: ${checked.rules.join(',')} (${checked.reason})`,
        })
        const g = deps.grants.create(checked, req.caller.user)
        deps.watcher.refresh()
        const status = view().find((x) => x.id === g.id)?.status
        return { status: 201, json: { ...g, status } }
      },
    },
    {
      method: 'POST',
      path: '/v1/grants/:id/revoke',
      access: 'admin',
      handle: async (req) => {
        const id = req.params['id'] ?? ''
        if (!deps.grants.get(id)) throw new AdminError(404, `no grant with id ${id}`)
        await revokeGrant(deps, req.caller, id)
        return { status: 200, json: view().find((x) => x.id === id) }
      },
    },
    {
      method: 'POST',
      path: '/v1/grants/:id/approve',
      access: 'admin',
      handle: (req) => {
        const id = req.params['id'] ?? ''
        if (!deps.grants.get(id)) throw new AdminError(404, `no grant with id ${id}`)
        try {
          deps.grants.approve(id, req.caller.user)
        } catch (err) {
          if (err instanceof InputError) throw new AdminError(409, err.message)
          throw err
        }
        deps.record({
          caller: req.caller,
          actionKind: 'grant.approve',
          target: id,
          grantIds: [id],
          message: `grant ${id} approved`,
        })
        deps.watcher.refresh()
        return { status: 200, json: view().find((x) => x.id === id) }
      },
    },
  ]
}
