import { useEffect, useState } from 'preact/hooks'
import type { FeedFilter } from '../api-types.js'

interface TextFilterProps {
  name: 'caller' | 'kind'
  value: string
  list?: string
  onCommit: (value: string) => void
}

/**
 * A text filter that keeps what is being typed as its own draft, committed on change (Enter or
 * leaving the field): the feed re-renders on every live call, and a field bound to the committed
 * filter would lose the keystrokes typed in between.
 */
function TextFilter({ name, value, list, onCommit }: TextFilterProps) {
  const [draft, setDraft] = useState(value)
  useEffect(() => setDraft(value), [value])
  return (
    <input
      id={`filter-${name}`}
      name={name}
      list={list}
      value={draft}
      placeholder="any"
      onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
      onChange={(e) => onCommit((e.currentTarget as HTMLInputElement).value.trim())}
    />
  )
}

/** The feed's filters: caller and action (exact, committed on Enter or leaving the field) and decision. */
export function FilterBar({
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
      <label for="filter-caller">
        Caller
        <TextFilter name="caller" value={filter.caller ?? ''} onCommit={(v) => set('caller', v)} />
      </label>
      <label for="filter-kind">
        Action
        <TextFilter
          name="kind"
          list="feed-kinds"
          value={filter.kind ?? ''}
          onCommit={(v) => set('kind', v)}
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
