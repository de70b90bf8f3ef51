const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }

/**
 * Bytes from a number or a docker-style size string (`512m`, `1g`, `64KiB`), binary units.
 *
 * @example parseByteSize('512m') // 536870912
 */
export function parseByteSize(v: number | string): number {
  if (typeof v === 'number') return v
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*([kmgt]?)i?b?$/i.exec(v.trim())
  if (!m) throw new Error(`not a size: ${v}`)
  return Math.round(Number(m[1]) * (SIZE_UNITS[(m[2] ?? '').toLowerCase()] ?? 1))
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 }

/**
 * Seconds from a number or a duration string (`90s`, `15m`, `2h`, `1d`).
 *
 * @example parseDurationSeconds('15m') // 900
 */
export function parseDurationSeconds(v: number | string): number {
  if (typeof v === 'number') return v
  const m = /^([0-9]+)\s*(s|m|h|d)$/.exec(v.trim())
  if (!m) throw new Error(`not a duration: ${v}`)
  return Number(m[1]) * (DURATION_UNITS[m[2] as string] ?? 1)
}
