import { setTimeout as sleep } from 'node:timers/promises'
import type { AuditStore, StoredEvent } from './audit-store.js'

const PAGE = 1000

/**
 * Follows the log: polls for records after `afterSeq` every `intervalMs` (default 250) and hands each
 * batch to `onEvents`, in order, until `signal` aborts. Polling reads one indexed range per tick and
 * holds no transaction between ticks, so it never delays the writer's checkpoints.
 *
 * @example await followEvents(store, store.head()?.seq ?? 0, print, { signal: AbortSignal.timeout(60_000) })
 */
export async function followEvents(
  store: Pick<AuditStore, 'query'>,
  afterSeq: number,
  onEvents: (events: StoredEvent[]) => void | Promise<void>,
  opts: { signal: AbortSignal; intervalMs?: number },
): Promise<void> {
  let after = afterSeq
  while (!opts.signal.aborted) {
    const events = store.query({ afterSeq: after, limit: PAGE })
    const last = events.at(-1)
    if (last) {
      await onEvents(events)
      after = last.seq
    }
    if (events.length === PAGE) continue
    try {
      await sleep(opts.intervalMs ?? 250, undefined, { signal: opts.signal })
    } catch {
      return
    }
  }
}
