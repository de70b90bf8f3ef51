// Pure formatting helpers of the dashboard page (no DOM: unit-tested under Node).

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/**
 * Time left, for grant countdowns.
 *
 * @example formatCountdown(3723) // '1h 02m 03s'
 * @example formatCountdown(65) // '1m 05s'
 * @example formatCountdown(0) // 'expired'
 */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  if (s === 0) return 'expired'
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = s % 60
  if (h > 0) return `${h}h ${pad(m)}m ${pad(sec)}s`
  if (m > 0) return `${m}m ${pad(sec)}s`
  return `${sec}s`
}

/**
 * A duration in ms with a sensible precision.
 *
 * @example formatMs(0.4321) // '0.43 ms'
 * @example formatMs(1532) // '1.53 s'
 */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '–'
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`
  if (ms >= 10) return `${Math.round(ms)} ms`
  return `${ms.toFixed(2)} ms`
}

/**
 * How long ago, coarsely.
 *
 * @example ago('2025-01-01T00:00:00.000Z', new Date('2025-01-01T00:02:10.000Z')) // '2m ago'
 */
export function ago(iso: string, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000))
  if (s < 60) return `${s}s ago`
  if (s < 3600) return `${Math.floor(s / 60)}m ago`
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`
  return `${Math.floor(s / 86400)}d ago`
}

/**
 * The clock time of an ISO timestamp in the browser's zone, `HH:MM:SS`.
 *
 * @example clockTime(new Date(2025, 0, 1, 9, 5, 7).toISOString()) // '09:05:07'
 */
export function clockTime(iso: string): string {
  const d = new Date(iso)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}
