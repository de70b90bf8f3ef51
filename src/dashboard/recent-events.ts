import type { AuditStore, StoredEvent } from '../audit/audit-store.js'
import type { FeedFilter } from './api-types.js'
import { isFinalRecord } from './feed-items.js'

export interface RecentOptions {
  /** Records read per step back (default 2000). */
  step?: number
  /** Records read at most (default 50 000). */
  maxScan?: number
  /** Only records before this seq (paging back). */
  beforeSeq?: number
}

/**
 * The last `limit` final records matching `filter`, oldest first: reads the log backwards in
 * steps of seq ranges (indexed queries), so a rare filter does not read the whole log and a common
 * one reads one step.
 *
 * @example recentEvents(store, { decision: 'deny' }, 100)
 */
export function recentEvents(
  store: Pick<AuditStore, 'query' | 'head'>,
  filter: FeedFilter,
  limit: number,
  opts: RecentOptions = {},
): StoredEvent[] {
  const step = opts.step ?? 2000
  const maxScan = opts.maxScan ?? 50_000
  let upper = Math.min(store.head()?.seq ?? 0, (opts.beforeSeq ?? Number.POSITIVE_INFINITY) - 1)
  const found: StoredEvent[][] = []
  let count = 0
  for (let scanned = 0; upper > 0 && count < limit && scanned < maxScan; scanned += step) {
    const after = Math.max(0, upper - step)
    const page = store
      .query({
        afterSeq: after,
        limit: upper - after,
        ...(filter.caller !== undefined && { caller: filter.caller }),
        ...(filter.kind !== undefined && { actionKind: filter.kind }),
        ...(filter.decision !== undefined && { decision: filter.decision }),
      })
      .filter((e) => e.seq <= upper && isFinalRecord(e))
    found.unshift(page)
    count += page.length
    upper = after
  }
  return found.flat().slice(-limit)
}
