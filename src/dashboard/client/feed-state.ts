// The live feed's list: newest first, one entry per request, bounded (no DOM: unit-tested).
import type { FeedFilter, FeedItem } from '../api-types.js'

/** Entries the page keeps at most. */
export const FEED_MAX = 500

/**
 * Adds calls to the feed: newest first, one entry per requestId (a later report of the same
 * request replaces the earlier one in place), at most `max`.
 *
 * @example addToFeed([], [item], 500)[0] === item // true
 */
export function addToFeed(feed: readonly FeedItem[], items: readonly FeedItem[], max = FEED_MAX): FeedItem[] {
  const incoming = new Map<string, FeedItem>()
  for (const i of items) incoming.set(i.requestId, i)
  const out: FeedItem[] = []
  const fresh = [...incoming.values()].sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0))
  const known = new Set(feed.map((f) => f.requestId))
  for (const i of fresh) if (!known.has(i.requestId)) out.push(i)
  for (const f of feed) out.push(incoming.get(f.requestId) ?? f)
  return out.slice(0, max)
}

/**
 * The query string of a feed filter (empty fields left out).
 *
 * @example filterQuery({ decision: 'deny', caller: 'alice' }) // 'caller=alice&decision=deny'
 */
export function filterQuery(f: FeedFilter): string {
  const q = new URLSearchParams()
  if (f.caller) q.set('caller', f.caller)
  if (f.kind) q.set('kind', f.kind)
  if (f.decision) q.set('decision', f.decision)
  return q.toString()
}

/**
 * Whether a feed item passes a filter (the server filters too; this keeps the list consistent when
 * the filter changes before the stream reconnects).
 *
 * @example itemMatches(item, { decision: 'deny' })
 */
export function itemMatches(i: FeedItem, f: FeedFilter): boolean {
  return (
    (!f.caller || i.caller === f.caller) &&
    (!f.kind || i.kind === f.kind) &&
    (!f.decision || i.decision === f.decision)
  )
}
