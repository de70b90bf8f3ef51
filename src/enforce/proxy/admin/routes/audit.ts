import type { AdminDeps } from '../admin-deps.js'
import { AdminError, type AdminRoutes } from '../admin-router.js'

/**
 * `GET /v1/audit?since=&until=&caller=&decision=&kind=&after=&limit=`: audit records, oldest
 * first. Admins and auditors.
 *
 * @example curl --unix-socket admin.sock -H "Authorization: Bearer $T" 'http://airlock/v1/audit?caller=alice&limit=50'
 */
export const auditRoutes: AdminRoutes<AdminDeps> = (deps) => [
  {
    method: 'GET',
    path: '/v1/audit',
    access: 'audit',
    handle: ({ query }) => {
      if (!deps.auditQuery) throw new AdminError(501, "this proxy's audit store cannot be read here")
      const decision = query.get('decision')
      if (decision !== null && !['allow', 'deny', 'error'].includes(decision))
        throw new AdminError(400, 'decision is allow, deny or error')
      const num = (k: string) => (query.get(k) === null ? undefined : Number(query.get(k)))
      const events = deps.auditQuery({
        ...(query.get('since') !== null && { since: query.get('since') as string }),
        ...(query.get('until') !== null && { until: query.get('until') as string }),
        ...(query.get('caller') !== null && { caller: query.get('caller') as string }),
        ...(decision !== null && { decision: decision as 'allow' | 'deny' | 'error' }),
        ...(query.get('kind') !== null && { actionKind: query.get('kind') as string }),
        ...(num('after') !== undefined && { afterSeq: num('after') as number }),
        limit: Math.min(num('limit') ?? 100, 10_000),
      })
      return { status: 200, json: events }
    },
  },
]
