import type { ContainersResponse } from '../api-types.js'
import { useApi } from './use-api.js'

/** Running containers and what the policy says about how they run. */
export function ContainersView() {
  const { data, error, reload } = useApi<ContainersResponse>('containers', 30_000)
  if (error) return <p class="error">{error}</p>
  if (!data) return <p class="empty">Loading…</p>
  return (
    <section class="panel containers" aria-label="Containers">
      <header class="panel-head">
        <h2>Running containers</h2>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </header>
      {data.errors.map((e) => (
        <p key={e} class="error">
          {e}
        </p>
      ))}
      {data.items.length === 0 ? (
        <p class="empty">No running containers.</p>
      ) : (
        <ul class="container-list">
          {data.items.map((c) => {
            const failing = c.findings.filter((f) => f.result === 'fail' && !f.waivedBy).length
            return (
              <li key={c.id} class="container" data-container={c.name}>
                <h3>
                  {c.name} <span class="image mono">{c.image}</span>{' '}
                  <span class={failing ? 'badge badge-deny' : 'badge badge-allow'}>
                    {failing ? `${failing} failing` : 'clean'}
                  </span>
                </h3>
                {c.findings.length ? (
                  <ul class="findings">
                    {c.findings.map((f, i) => (
                      <li key={`${f.ruleId}-${i}`} class={`finding finding-${f.result}`}>
                        <span class={`sev sev-${f.severity}`}>{f.severity}</span> {f.ruleId} {f.slug}:{' '}
                        {f.message}
                        {f.waivedBy ? <small> (waived by {f.waivedBy})</small> : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
