import { useState } from 'preact/hooks'
import type { Alert, AuditChainResponse, AuditStatus, MetricsSnapshot } from '../api-types.js'
import { postJson } from './api.js'
import { ago, formatMs } from './format.js'
import { useApi, useNow } from './use-api.js'

/** The chain's state in one line, for the header and the audit panel. */
export function ChainBadge({ status }: { status: AuditStatus | null | undefined }) {
  const now = useNow(10_000)
  if (!status) return <span class="chain chain-unknown">chain not verified yet</span>
  if (status.ok) {
    return (
      <span class="chain chain-ok" data-testid="chain-status">
        chain intact · {status.count} records · {ago(status.checkedAt, now)}
      </span>
    )
  }
  const why = status.firstBad ? `${status.firstBad.reason} at record ${status.firstBad.seq}` : status.error
  return (
    <span class="chain chain-bad" data-testid="chain-status">
      chain BROKEN: {why}
    </span>
  )
}

/** Audit chain status, the monitor's counters and the latest alerts. */
export function AuditView() {
  const chain = useApi<AuditChainResponse>('audit', 30_000)
  const metrics = useApi<MetricsSnapshot>('metrics', 10_000)
  const alerts = useApi<{ items: Alert[] }>('alerts', 15_000)
  const [busy, setBusy] = useState(false)
  const verify = async () => {
    setBusy(true)
    await postJson('audit/verify').catch(() => undefined)
    setBusy(false)
    chain.reload()
  }
  const m = metrics.data
  return (
    <section class="panel audit" aria-label="Audit">
      <header class="panel-head">
        <h2>Audit chain</h2>
        <button type="button" disabled={busy} onClick={() => void verify()}>
          {busy ? 'Verifying…' : 'Verify now'}
        </button>
      </header>
      <p>
        <ChainBadge status={chain.data?.latest} />
      </p>
      {chain.data?.latest?.firstBad ? <p class="error">{chain.data.latest.firstBad.detail}</p> : null}
      {chain.data?.head ? (
        <p class="mono small">
          head {chain.data.head.seq} {chain.data.head.hash}
        </p>
      ) : null}
      {m ? (
        <>
          <h2>Traffic since start</h2>
          <dl class="facts">
            <dt>Calls</dt>
            <dd>
              {m.requests.total} ({m.requests.allow} allowed, {m.requests.deny} denied, {m.requests.error}{' '}
              errors)
            </dd>
            <dt>Rate-limited</dt>
            <dd>{m.rateLimited}</dd>
            <dt>Upstream errors</dt>
            <dd>{m.upstreamErrors}</dd>
            <dt>Open streams</dt>
            <dd>{m.activeStreams}</dd>
            <dt>Active grants</dt>
            <dd>{m.activeGrants ?? '–'}</dd>
            <dt>Airlock p50 / p95</dt>
            <dd>
              {formatMs(m.latency.airlock.p50Ms)} / {formatMs(m.latency.airlock.p95Ms)}
            </dd>
            <dt>Daemon p50 / p95</dt>
            <dd>
              {formatMs(m.latency.upstream.p50Ms)} / {formatMs(m.latency.upstream.p95Ms)}
            </dd>
            <dt>Audit write p95</dt>
            <dd>{formatMs(m.latency.auditWrite.p95Ms)}</dd>
          </dl>
        </>
      ) : null}
      <h2>Latest alerts</h2>
      {alerts.data?.items.length ? (
        <ul class="alerts">
          {[...alerts.data.items].reverse().map((a) => (
            <li key={a.id} class={`alert sev-${a.severity}`}>
              <span class={`sev sev-${a.severity}`}>{a.severity}</span> {a.summary} <small>({a.rule})</small>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">No alerts.</p>
      )}
    </section>
  )
}
