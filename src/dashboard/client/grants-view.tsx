import { useMemo, useState } from 'preact/hooks'
import type { GrantItem, GrantsResponse, Me } from '../api-types.js'
import { postJson } from './api.js'
import { formatCountdown } from './format.js'
import { useApi, useNow } from './use-api.js'

function Countdown({ item, offsetMs, now }: { item: GrantItem; offsetMs: number; now: Date }) {
  if (item.status !== 'active' && item.status !== 'pending') return <span class="countdown">–</span>
  const left = (Date.parse(item.expiresAt) - (now.getTime() + offsetMs)) / 1000
  return (
    <span class="countdown" data-testid="countdown">
      {formatCountdown(left)}
    </span>
  )
}

/** Grants with their countdown; admins can revoke active and pending ones. */
export function GrantsView({ me }: { me: Me }) {
  const { data, error, reload } = useApi<GrantsResponse>('grants', 15_000)
  const now = useNow(1000)
  const [problem, setProblem] = useState<string | undefined>(undefined)
  const [busy, setBusy] = useState<string | undefined>(undefined)
  // The server's clock minus ours, measured once per answer (not per render: the countdown ticks).
  const offsetMs = useMemo(() => (data ? Date.parse(data.now) - Date.now() : 0), [data])
  if (error) return <p class="error">{error}</p>
  if (!data) return <p class="empty">Loading…</p>
  const revoke = async (id: string) => {
    if (!window.confirm(`Revoke grant ${id}?`)) return
    setBusy(id)
    setProblem(undefined)
    try {
      await postJson(`grants/${encodeURIComponent(id)}/revoke`)
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e))
    }
    setBusy(undefined)
    reload()
  }
  return (
    <section class="panel grants" aria-label="Grants">
      <header class="panel-head">
        <h2>Grants</h2>
      </header>
      {problem ? (
        <p class="error" role="alert">
          {problem}
        </p>
      ) : null}
      {data.items.length === 0 ? (
        <p class="empty">No grants.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Grant</th>
              <th>Subject</th>
              <th>Rules waived</th>
              <th>Scope</th>
              <th>Reason</th>
              <th>Status</th>
              <th>Time left</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.items.map((g) => (
              <tr key={g.id} data-grant-id={g.id} class={`grant grant-${g.status}`}>
                <td class="mono">{g.id}</td>
                <td>{g.subject}</td>
                <td>{g.rules.join(', ')}</td>
                <td>{[g.image, g.container].filter(Boolean).join(' / ') || 'any'}</td>
                <td>{g.reason}</td>
                <td>
                  <span class={`status status-${g.status}`} data-testid="grant-status">
                    {g.status}
                  </span>
                  {g.revokedBy ? <small> by {g.revokedBy}</small> : null}
                </td>
                <td>
                  <Countdown item={g} offsetMs={offsetMs} now={now} />
                </td>
                <td>
                  {me.admin && (g.status === 'active' || g.status === 'pending') ? (
                    <button
                      type="button"
                      class="danger"
                      disabled={busy === g.id}
                      onClick={() => void revoke(g.id)}
                    >
                      Revoke
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
