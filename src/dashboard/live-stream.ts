import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import { errorMessage } from '../errors.js'
import type { FeedFilter } from './api-types.js'
import type { DashboardDeps } from './dashboard-deps.js'
import type { DashboardEnv } from './dashboard-env.js'
import { matchesFilter } from './feed-items.js'

/** Timings of a live stream. */
export interface LiveStreamOptions {
  /** A keep-alive comment this often. */
  heartbeatMs: number
  /** The sign-in is checked again this often; the stream ends once it no longer holds. */
  recheckMs: number
}

/**
 * Live calls as server-sent events: a `hello`, then a `decision` event per call matching `filter`
 * (the bus id as SSE id; `after` replays what the bus still holds), keep-alive comments between. It
 * ends with `dropped` when the subscriber falls too far behind (EventSource reconnects), and with
 * `signed-out` (and the reason) as soon as a periodic check finds the sign-in no longer holds — the
 * token revoked or expired, its role without the right, the session ended — or cannot be checked.
 *
 * @example app.get('/events/stream', (c) => liveStream(c, deps, feedFilter(c.req.query()), undefined, { heartbeatMs: 15_000, recheckMs: 5000 }))
 */
export function liveStream(
  c: Context<DashboardEnv>,
  deps: Pick<DashboardDeps, 'events'>,
  filter: FeedFilter,
  after: number | undefined,
  opts: LiveStreamOptions,
): Response {
  const sub = deps.events.subscribe(after === undefined ? {} : { after })
  const recheck = c.get('recheck')
  c.header('X-Accel-Buffering', 'no')
  return streamSSE(c, async (stream) => {
    let signedOut: string | undefined
    let checking = false
    const end = (why: string) => {
      signedOut ??= why
      sub.close()
    }
    stream.onAbort(() => sub.close())
    const beat = setInterval(() => {
      stream.write(': keep-alive\n\n').catch(() => sub.close())
    }, opts.heartbeatMs)
    const check = setInterval(() => {
      if (checking) return
      checking = true
      recheck()
        .then(
          (why) => why !== undefined && end(why),
          (err: unknown) => end(`the sign-in could not be checked: ${errorMessage(err)}`),
        )
        .finally(() => {
          checking = false
        })
    }, opts.recheckMs)
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
      if (signedOut !== undefined) {
        await stream.writeSSE({ event: 'signed-out', data: JSON.stringify({ reason: signedOut }) })
      } else if (sub.reason === 'slow') {
        await stream.writeSSE({ event: 'dropped', data: '{"reason":"slow"}' })
      }
    } finally {
      clearInterval(beat)
      clearInterval(check)
      sub.close()
    }
  })
}
