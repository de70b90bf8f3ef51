import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { DashboardDeps } from './dashboard-deps.js'
import type { DashboardEnv } from './dashboard-env.js'
import { feedFilter, feedItemFromAudit, matchesFilter } from './feed-items.js'
import { recentEvents } from './recent-events.js'

function intParam(v: string | undefined): number | undefined {
  if (v === undefined || !/^[0-9]{1,15}$/.test(v)) return undefined
  return Number(v)
}

/**
 * The feed's API:
 * - `GET /events?caller=&kind=&decision=&limit=&before=`: the latest calls from the audit log;
 * - `GET /events/stream?caller=&kind=&decision=`: live calls as server-sent events (`decision`
 *   events with the bus id as SSE id; `Last-Event-ID` replays what the bus still holds), a
 *   keep-alive comment every `heartbeatMs`; a subscriber too slow to keep up gets a `dropped`
 *   event and the stream ends (EventSource reconnects);
 * - `GET /events/:seq`: one stored record in full (findings, mutations).
 *
 * @example app.route('/api', eventsRoutes(deps, 15_000))
 */
export function eventsRoutes(deps: DashboardDeps, heartbeatMs: number): Hono<DashboardEnv> {
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
    const filter = feedFilter(c.req.query())
    const after = intParam(c.req.header('last-event-id') ?? c.req.query('after'))
    const sub = deps.events.subscribe(after === undefined ? {} : { after })
    c.header('X-Accel-Buffering', 'no')
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => sub.close())
      const beat = setInterval(() => {
        stream.write(': keep-alive\n\n').catch(() => sub.close())
      }, heartbeatMs)
      try {
        await stream.writeSSE({
          event: 'hello',
          data: JSON.stringify({ lastBusId: deps.events.lastId }),
          retry: 2000,
        })
        for (let e = await sub.next(); e !== undefined; e = await sub.next()) {
          if (!matchesFilter(e.event, filter)) continue
          await stream.writeSSE({
            id: String(e.id),
            event: 'decision',
            data: JSON.stringify({ ...e.event, busId: e.id }),
          })
        }
        if (sub.reason === 'slow') await stream.writeSSE({ event: 'dropped', data: '{"reason":"slow"}' })
      } finally {
        clearInterval(beat)
        sub.close()
      }
    })
  })

  app.get('/events/:seq', (c) => {
    const seq = intParam(c.req.param('seq'))
    const event = seq === undefined ? undefined : deps.audit.get(seq)
    if (!event) return c.json({ message: `no audit record ${c.req.param('seq')}` }, 404)
    return c.json(event)
  })

  return app
}
