import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { AuditStore } from '../audit/audit-store.js'
import type { MinuteCount, StatsResponse } from './api-types.js'
import { isFinalRecord } from './feed-items.js'

export interface StatsOptions {
  /** The window: this many minutes up to `now` (default 60). */
  minutes?: number
  now?: Date
  /** Records per read (default 2000); the event loop runs between reads. */
  page?: number
  /** Records read at most (default 200 000); past it the result is `partial`. */
  maxScan?: number
  /** Entries in each top list (default 10). */
  top?: number
}

function topOf<T>(map: Map<string, T>, score: (v: T) => number, n: number): [string, T][] {
  return [...map].sort((a, b) => score(b[1]) - score(a[1]) || (a[0] < b[0] ? -1 : 1)).slice(0, n)
}

/**
 * Calls per minute by decision, top callers and top denied rules over the last `minutes`, from the
 * audit log. Reads in pages and yields to the event loop between them, so a busy window does not
 * stall the proxy sharing the process.
 *
 * @example const stats = await auditStats(store, { minutes: 60 })
 */
export async function auditStats(
  store: Pick<AuditStore, 'query'>,
  opts: StatsOptions = {},
): Promise<StatsResponse> {
  const minutes = Math.min(24 * 60, Math.max(1, Math.floor(opts.minutes ?? 60)))
  const now = opts.now ?? new Date()
  const end = Math.floor(now.getTime() / 60_000) * 60_000 + 60_000
  const start = end - minutes * 60_000
  const page = opts.page ?? 2000
  const maxScan = opts.maxScan ?? 200_000
  const perMinute: MinuteCount[] = Array.from({ length: minutes }, (_, i) => ({
    minute: new Date(start + i * 60_000).toISOString(),
    allow: 0,
    deny: 0,
    error: 0,
  }))
  const callers = new Map<string, { calls: number; denied: number }>()
  const denied = new Map<string, number>()
  let scanned = 0
  let afterSeq = 0
  let partial = false
  for (;;) {
    const rows = store.query({ since: new Date(start), until: new Date(end), afterSeq, limit: page })
    for (const e of rows) {
      if (!isFinalRecord(e)) continue
      const bucket = perMinute[Math.floor((Date.parse(e.time) - start) / 60_000)]
      if (bucket) bucket[e.decision]++
      const c = callers.get(e.caller.user) ?? { calls: 0, denied: 0 }
      c.calls++
      if (e.decision === 'deny') {
        c.denied++
        for (const id of e.ruleIds) denied.set(id, (denied.get(id) ?? 0) + 1)
      }
      callers.set(e.caller.user, c)
    }
    scanned += rows.length
    const last = rows[rows.length - 1]
    if (rows.length < page || last === undefined) break
    if (scanned >= maxScan) {
      partial = true
      break
    }
    afterSeq = last.seq
    await yieldToLoop()
  }
  const top = opts.top ?? 10
  return {
    from: new Date(start).toISOString(),
    to: new Date(end).toISOString(),
    perMinute,
    topCallers: topOf(callers, (v) => v.calls, top).map(([caller, v]) => ({ caller, ...v })),
    topDeniedRules: topOf(denied, (v) => v, top).map(([ruleId, count]) => ({ ruleId, count })),
    scanned,
    partial,
  }
}
