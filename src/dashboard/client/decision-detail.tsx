import type { FeedItem, RuleInfo } from '../api-types.js'
import { findingGroups } from './finding-groups.js'
import { formatMs } from './format.js'
import { RuleGroup } from './rule-group.js'

interface Props {
  item: FeedItem
  rules: ReadonlyMap<string, RuleInfo>
  onClose: () => void
}

/**
 * One decision opened: what was asked, the outcome, and its rules by role — the rules that denied
 * it, the ones a grant or an exemption waived, the ones that only warned — each with its own
 * findings, the explanation and the fix. Live and stored items carry their findings alike.
 */
export function DecisionDetail({ item, rules, onClose }: Props) {
  const groups = findingGroups(item)
  const total = item.upstreamMs === null ? item.airlockMs : item.airlockMs + item.upstreamMs
  const none =
    groups.deniedBy.length + groups.waived.length + groups.warnings.length + groups.unexplained.length === 0
  return (
    <aside class="panel detail" aria-label="Decision">
      <header class="panel-head">
        <h2>
          <span class={`badge badge-${item.decision}`}>{item.decision}</span> {item.kind}
        </h2>
        <button type="button" class="close" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      <p class="message" data-testid="decision-message">
        {item.message}
      </p>
      <dl class="facts">
        <dt>Caller</dt>
        <dd>
          {item.caller}
          {item.role ? ` (${item.role})` : ''}
        </dd>
        <dt>Request</dt>
        <dd>
          {item.method} {item.path}
        </dd>
        {item.target ? (
          <>
            <dt>Target</dt>
            <dd>{item.target}</dd>
          </>
        ) : null}
        <dt>Status</dt>
        <dd>{item.status || '–'}</dd>
        <dt>Time</dt>
        <dd>
          {formatMs(total)}
          {item.upstreamMs !== null
            ? ` (Airlock ${formatMs(item.airlockMs)}, daemon ${formatMs(item.upstreamMs)})`
            : ''}
        </dd>
        <dt>Request id</dt>
        <dd class="mono">{item.requestId}</dd>
        {item.grantIds.length ? (
          <>
            <dt>Grants used</dt>
            <dd>{item.grantIds.join(', ')}</dd>
          </>
        ) : null}
      </dl>
      {none ? <p class="empty">No rule findings.</p> : null}
      <RuleGroup kind="denied" title="Denied by" note="blocking" rules={groups.deniedBy} catalogue={rules} />
      <RuleGroup
        kind="waived"
        title="Waived"
        note="failed, allowed under a grant or an exemption"
        rules={groups.waived}
        catalogue={rules}
      />
      <RuleGroup
        kind="warning"
        title="Warnings"
        note="reported, not enforced"
        rules={groups.warnings}
        catalogue={rules}
      />
      <RuleGroup
        kind="other"
        title="Other rules"
        note="named without findings"
        rules={groups.unexplained}
        catalogue={rules}
      />
      {item.findingsOmitted ? (
        <p class="note">{item.findingsOmitted} more findings not shown (see the audit record).</p>
      ) : null}
    </aside>
  )
}
