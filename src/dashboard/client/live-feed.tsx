import { useEffect, useState } from 'preact/hooks'
import type { FeedFilter, FeedItem } from '../api-types.js'
import { getJson } from './api.js'
import { FeedRowRules } from './feed-row-rules.js'
import { addToFeed, filterQuery, itemMatches } from './feed-state.js'
import { FilterBar } from './filter-bar.js'
import { clockTime } from './format.js'

type StreamState = 'connecting' | 'live' | 'reconnecting' | 'signed-out'

interface Props {
  selected: string | undefined
  onSelect: (item: FeedItem) => void
}

/**
 * The live feed: the latest calls from the audit log, then every new call as the server sends it
 * (EventSource, reconnecting by itself), filtered by caller, action and decision. When the server
 * ends the stream because the sign-in no longer holds, the page goes back to the login form.
 */
export function LiveFeed({ selected, onSelect }: Props) {
  const [filter, setFilter] = useState<FeedFilter>({})
  const [items, setItems] = useState<FeedItem[]>([])
  const [state, setState] = useState<StreamState>('connecting')
  const [attempt, setAttempt] = useState(0)
  const q = filterQuery(filter)

  useEffect(() => {
    let live = true
    setItems([])
    setState('connecting')
    getJson<{ items: FeedItem[] }>(`events?limit=200${q ? `&${q}` : ''}`)
      .then((r) => live && setItems((f) => addToFeed(addToFeed([], r.items), f)))
      .catch(() => undefined)
    const es = new EventSource(`api/events/stream${q ? `?${q}` : ''}`)
    es.addEventListener('hello', () => setState('live'))
    es.addEventListener('decision', (e) => {
      const item = JSON.parse((e as MessageEvent<string>).data) as FeedItem
      setItems((f) => addToFeed(f, [item]))
    })
    // The server ends the stream once the sign-in no longer holds (and refuses a reconnect, which
    // closes the source): asking who we are then answers 401, which sends the page to the login
    // form. Should the sign-in still hold after all, the stream starts over a little later.
    let retry: ReturnType<typeof setTimeout> | undefined
    const ended = () => {
      es.close()
      setState('signed-out')
      getJson('me')
        .then(() => {
          if (live) retry = setTimeout(() => setAttempt((n) => n + 1), 2000)
        })
        .catch(() => undefined)
    }
    es.addEventListener('signed-out', ended)
    es.onerror = () => (es.readyState === EventSource.CLOSED ? ended() : setState('reconnecting'))
    return () => {
      live = false
      clearTimeout(retry)
      es.close()
    }
  }, [q, attempt])

  const kinds = [...new Set(items.map((i) => i.kind))].sort()
  const shown = items.filter((i) => itemMatches(i, filter))
  return (
    <section class="panel feed" aria-label="Live feed">
      <header class="panel-head">
        <h2>Live feed</h2>
        <span class={`stream stream-${state}`} data-testid="stream-state">
          {state.replace('-', ' ')}
        </span>
      </header>
      <FilterBar filter={filter} kinds={kinds} onChange={setFilter} />
      {shown.length === 0 ? (
        <p class="empty">No calls yet.</p>
      ) : (
        <ol class="feed-list">
          {shown.map((i) => (
            <li
              key={i.requestId}
              class={`feed-row decision-${i.decision}${selected === i.requestId ? ' selected' : ''}`}
              data-request-id={i.requestId}
            >
              <button type="button" onClick={() => onSelect(i)}>
                <time dateTime={i.time}>{clockTime(i.time)}</time>
                <span class={`badge badge-${i.decision}`}>{i.status === 429 ? 'limited' : i.decision}</span>
                <span class="caller">{i.caller}</span>
                <span class="kind">{i.kind}</span>
                <span class="path" title={`${i.method} ${i.path}`}>
                  {i.method} {i.path}
                </span>
                <span class="status">{i.status || '–'}</span>
                <FeedRowRules item={i} />
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
