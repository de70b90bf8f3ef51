import type { Alert, AuditStatus, MetricsSnapshot } from '../api-types.js'
import { ago, formatMs } from './format.js'
import { useApi, useNow } from './use-api.js'
import type { ChainState } from './use-chain-status.js'

/** The chain's state in one line, for the header and the audit panel. */
export function ChainBadge({ status }: { status: AuditStatus | null | undefined }) {
  const now = useNow(10_000)
  if (!status) {
    return (
      <span class="chain chain-unknown" data-testid="chain-status">
        chain not verified yet
      </span>
    )
  }
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

/** Audit chain status (the page's one `chain` state, shared with the header), counters, latest alerts. */
export function AuditView({ chain }: { chain: ChainState }) {
  const metrics = useApi<MetricsSnapshot>('metrics', 10_000)
  const alerts = useApi<{ items: Alert[] }>('alerts', 15_000)
  const m = metrics.data
  return (
    <section class="panel audit" aria-label="Audit">
      <header class="panel-head">
        <h2>Audit chain</h2>
        <button type="button" disabled={chain.verifying} onClick={() => void chain.verify()}>
          {chain.verifying ? 'Verifying…' : 'Verify now'}
        </button>
      </header>
      <p>
        <ChainBadge status={chain.latest} />
      </p>
      {chain.error ? (
        <p class="error" role="alert">
          Verification failed: {chain.error}
        </p>
      ) : null}
      {chain.latest?.firstBad ? <p class="error">{chain.latest.firstBad.detail}</p> : null}
      {chain.head ? (
        <p class="mono small">
          head {chain.head.seq} {chain.head.hash}
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
