/** A host port or range as dockerd reads it (`8080`, `8000-8010`). */
export interface PortRange {
  start: number
  end: number
}

const DECIMAL = /^[0-9]+$/

function port(s: string): number | undefined {
  if (!DECIMAL.test(s)) return undefined
  const n = Number(s)
  return n <= 65535 ? n : undefined
}

/**
 * Parses a published host port the way dockerd's `nat.ParsePortRange` does: a decimal port or a
 * `start-end` range (Go's `ParseUint(s, 10, 16)`: no sign, leading zeros allowed). Returns
 * `'ephemeral'` for an empty port or `0` (the daemon picks one), undefined when dockerd would reject it.
 *
 * @example parseHostPort('79-81') // { start: 79, end: 81 }
 * @example parseHostPort('') // 'ephemeral'
 */
export function parseHostPort(s: string): PortRange | 'ephemeral' | undefined {
  if (s === '') return 'ephemeral'
  const dash = s.indexOf('-')
  const start = port(dash < 0 ? s : s.slice(0, dash))
  const end = dash < 0 ? start : port(s.slice(dash + 1))
  if (start === undefined || end === undefined || end < start) return undefined
  if (start === 0 && end === 0) return 'ephemeral'
  return { start, end }
}
