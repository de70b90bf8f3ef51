import { useEffect, useState } from 'preact/hooks'
import type { FeedFilter, FeedItem } from '../api-types.js'
import { getJson } from './api.js'
import { addToFeed, filterQuery, itemMatches } from './feed-state.js'
import { clockTime } from './format.js'

type StreamState = 'connecting' | 'live' | 'reconnecting'

interface Props {
  selected: string | undefined
  onSelect: (item: FeedItem) => void
}

function FilterBar({
  filter,
  kinds,
  onChange,
}: {
  filter: FeedFilter
  kinds: string[]
  onChange: (f: FeedFilter) => void
}) {
  const set = (key: keyof FeedFilter, value: string) => {
    const next: Record<string, string> = { ...filter }
    if (value) next[key] = value
    else delete next[key]
    onChange(next as FeedFilter)
  }
  return (
    <form class="filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        Caller
        <input
          name="caller"
          value={filter.caller ?? ''}
          placeholder="any"
          onChange={(e) => set('caller', (e.currentTarget as HTMLInputElement).value.trim())}
        />
      </label>
      <label>
        Action
        <input
          name="kind"
          list="feed-kinds"
          value={filter.kind ?? ''}
          placeholder="any"
          onChange={(e) => set('kind', (e.currentTarget as HTMLInputElement).value.trim())}
        />
        <datalist id="feed-kinds">
          {kinds.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
      </label>
      <label>
        Decision
        <select
          name="decision"
          value={filter.decision ?? ''}
          onChange={(e) => set('decision', (e.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">any</option>
          <option value="allow">allow</option>
          <option value="deny">deny</option>
          <option value="error">error</option>
        </select>
      </label>
    </form>
  )
}

/**
 * The live feed: the latest calls from the audit log, then every new call as the server sends it
 * (EventSource, reconnecting by itself), filtered by caller, action and decision.
 */
export function LiveFeed({ selected, onSelect }: Props) {
  const [filter, setFilter] = useState<FeedFilter>({})
  const [items, setItems] = useState<FeedItem[]>([])
  const [state, setState] = useState<StreamState>('connecting')
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
    es.onerror = () => setState('reconnecting')
    return () => {
      live = false
      es.close()
    }
  }, [q])

  const kinds = [...new Set(items.map((i) => i.kind))].sort()
  const shown = items.filter((i) => itemMatches(i, filter))
  return (
    <section class="panel feed" aria-label="Live feed">
      <header class="panel-head">
        <h2>Live feed</h2>
        <span class={`stream stream-${state}`} data-testid="stream-state">
          {state}
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
                <span class="rules">{i.ruleIds.join(' ')}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
