import { Hono } from 'hono'
import type { DashboardDeps } from './dashboard-deps.js'
import type { DashboardEnv } from './dashboard-env.js'
import { feedFilter, feedItemFromAudit } from './feed-items.js'
import { type LiveStreamOptions, liveStream } from './live-stream.js'
import { recentEvents } from './recent-events.js'

function intParam(v: string | undefined): number | undefined {
  if (v === undefined || !/^[0-9]{1,15}$/.test(v)) return undefined
  return Number(v)
}

/**
 * The feed's API:
 * - `GET /events?caller=&kind=&decision=&limit=&before=`: the latest calls from the audit log;
 * - `GET /events/stream?caller=&kind=&decision=`: live calls as server-sent events (see
 *   `liveStream`: `Last-Event-ID` replay, keep-alives, `dropped` when too slow, `signed-out` once
 *   the sign-in no longer holds);
 * - `GET /events/:seq`: one stored record in full (findings, mutations).
 *
 * @example app.route('/api', eventsRoutes(deps, { heartbeatMs: 15_000, recheckMs: 5000 }))
 */
export function eventsRoutes(deps: DashboardDeps, stream: LiveStreamOptions): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>()

  app.get('/events', (c) => {
    const q = c.req.query()
    const limit = Math.min(1000, Math.max(1, intParam(q['limit']) ?? 200))
    const before = intParam(q['before'])
    const items = recentEvents(
      deps.audit,
      feedFilter(q),
      limit,
      before === undefined ? {} : { beforeSeq: before },
    )
    return c.json({ items: items.map(feedItemFromAudit), lastBusId: deps.events.lastId })
  })

  app.get('/events/stream', (c) => {
    const after = intParam(c.req.header('last-event-id') ?? c.req.query('after'))
    return liveStream(c, deps, feedFilter(c.req.query()), after, stream)
  })

  app.get('/events/:seq', (c) => {
    const seq = intParam(c.req.param('seq'))
    const event = seq === undefined ? undefined : deps.audit.get(seq)
    if (!event) return c.json({ message: `no audit record ${c.req.param('seq')}` }, 404)
    return c.json(event)
  })

  return app
}
