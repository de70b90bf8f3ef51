import { useEffect, useState } from 'preact/hooks'
import type { FeedItem, RuleInfo } from '../api-types.js'
import { getJson } from './api.js'
import { formatMs } from './format.js'

interface StoredFinding {
  ruleId: string
  result: string
  message: string
}

interface Props {
  item: FeedItem
  rules: ReadonlyMap<string, RuleInfo>
  onClose: () => void
}

/** One decision opened: what was asked, the outcome, and for each rule the explanation and the fix. */
export function DecisionDetail({ item, rules, onClose }: Props) {
  const [findings, setFindings] = useState<StoredFinding[] | undefined>(undefined)
  useEffect(() => {
    setFindings(undefined)
    if (item.seq === undefined) return
    let live = true
    getJson<{ findings: StoredFinding[] }>(`events/${item.seq}`)
      .then((e) => live && setFindings(e.findings))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [item.seq])
  const total = item.upstreamMs === null ? item.airlockMs : item.airlockMs + item.upstreamMs
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
      {item.ruleIds.length === 0 ? (
        <p class="empty">No rule findings.</p>
      ) : (
        <ul class="rule-list">
          {item.ruleIds.map((id) => {
            const r = rules.get(id)
            const found = findings?.filter((f) => f.ruleId === id) ?? []
            return (
              <li key={id} class="rule" data-rule-id={id}>
                <h3>
                  {id} {r ? <span class="slug">{r.slug}</span> : null}
                  {r ? <span class={`sev sev-${r.severity}`}>{r.severity}</span> : null}
                </h3>
                {r ? <p class="title">{r.title}</p> : null}
                {found.map((f, i) => (
                  <p key={i} class={`finding finding-${f.result}`}>
                    {f.result}: {f.message}
                  </p>
                ))}
                {r ? (
                  <>
                    <p class="why">{r.description}</p>
                    <p class="fix">
                      <strong>Fix:</strong> {r.remediation}
                    </p>
                    <p class="docs mono">{r.docsPage}</p>
                  </>
                ) : (
                  <p class="why">Not a catalogue rule.</p>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </aside>
  )
}
