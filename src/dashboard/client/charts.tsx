import type { RuleInfo, StatsResponse } from '../api-types.js'
import { barLengths, stackedBars } from './chart-geometry.js'
import { clockTime } from './format.js'
import { useApi } from './use-api.js'

const W = 720
const H = 180

function PerMinute({ stats }: { stats: StatsResponse }) {
  const { rects, max } = stackedBars(stats.perMinute, W, H)
  const first = stats.perMinute[0]
  const last = stats.perMinute[stats.perMinute.length - 1]
  return (
    <figure class="chart">
      <figcaption>Calls per minute by decision</figcaption>
      <svg viewBox={`0 0 ${W + 40} ${H + 24}`} role="img" aria-label="Calls per minute by decision">
        <g transform="translate(36,4)">
          <line x1={0} y1={H} x2={W} y2={H} class="axis" />
          <line x1={0} y1={0} x2={0} y2={H} class="axis" />
          <text x={-4} y={8} class="tick" text-anchor="end">
            {max}
          </text>
          <text x={-4} y={H} class="tick" text-anchor="end">
            0
          </text>
          {rects.map((r) => (
            <rect
              key={`${r.minute}-${r.decision}`}
              x={r.x}
              y={r.y}
              width={r.width}
              height={r.height}
              class={`bar bar-${r.decision}`}
            >
              <title>{`${clockTime(r.minute)} ${r.decision}: ${r.value}`}</title>
            </rect>
          ))}
          {first ? (
            <text x={0} y={H + 16} class="tick">
              {clockTime(first.minute)}
            </text>
          ) : null}
          {last ? (
            <text x={W} y={H + 16} class="tick" text-anchor="end">
              {clockTime(last.minute)}
            </text>
          ) : null}
        </g>
      </svg>
      <p class="legend">
        <span class="key key-allow">allow</span> <span class="key key-deny">deny</span>{' '}
        <span class="key key-error">error</span>
      </p>
    </figure>
  )
}

function Ranked({ title, rows }: { title: string; rows: { label: string; value: number; note?: string }[] }) {
  const lengths = barLengths(
    rows.map((r) => r.value),
    260,
  )
  return (
    <figure class="chart ranked">
      <figcaption>{title}</figcaption>
      {rows.length === 0 ? (
        <p class="empty">Nothing in this window.</p>
      ) : (
        <svg viewBox={`0 0 520 ${rows.length * 22}`} role="img" aria-label={title}>
          {rows.map((r, i) => (
            <g key={r.label} transform={`translate(0,${i * 22})`}>
              <text x={0} y={15} class="label">
                {r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label}
              </text>
              <rect x={200} y={3} height={16} width={Math.max(1, lengths[i] ?? 0)} class="bar bar-rank" />
              <text x={206 + (lengths[i] ?? 0)} y={15} class="value">
                {r.value}
                {r.note ? ` ${r.note}` : ''}
              </text>
            </g>
          ))}
        </svg>
      )}
    </figure>
  )
}

/** Charts over the last hour of the audit log. */
export function Charts({ rules }: { rules: ReadonlyMap<string, RuleInfo> }) {
  const { data, error } = useApi<StatsResponse>('stats?minutes=60', 30_000)
  if (error) return <p class="error">{error}</p>
  if (!data) return <p class="empty">Loading…</p>
  return (
    <section class="panel charts" aria-label="Charts">
      <PerMinute stats={data} />
      <div class="ranked-pair">
        <Ranked
          title="Top callers"
          rows={data.topCallers.map((c) => ({
            label: c.caller,
            value: c.calls,
            note: c.denied ? `(${c.denied} denied)` : '',
          }))}
        />
        <Ranked
          title="Top denied rules"
          rows={data.topDeniedRules.map((r) => ({
            label: `${r.ruleId} ${rules.get(r.ruleId)?.slug ?? ''}`.trim(),
            value: r.count,
          }))}
        />
      </div>
      {data.partial ? <p class="note">Partial: more calls in this hour than the dashboard reads.</p> : null}
    </section>
  )
}
