import type { FeedItem } from '../api-types.js'
import { findingGroups } from './finding-groups.js'

/** A feed row's rules: the ones that denied the call first and marked, then the rest, muted. */
export function FeedRowRules({ item }: { item: FeedItem }) {
  const g = findingGroups(item)
  const denied = new Set(g.deniedBy.map((r) => r.ruleId))
  const rest = item.ruleIds.filter((id) => !denied.has(id))
  return (
    <span class="rules">
      {[...denied].map((id) => (
        <strong key={id} class="rule-denied" title="denied the call">
          {id}{' '}
        </strong>
      ))}
      {rest.length ? <span title="warned or waived">{rest.join(' ')}</span> : null}
    </span>
  )
}
