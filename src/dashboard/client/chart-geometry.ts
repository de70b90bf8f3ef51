// Geometry of the hand-drawn SVG charts (no DOM: unit-tested).
import type { MinuteCount } from '../api-types.js'

/** One rectangle of the stacked bar chart. */
export interface BarRect {
  x: number
  y: number
  width: number
  height: number
  decision: 'allow' | 'deny' | 'error'
  minute: string
  value: number
}

/**
 * A round upper bound for an axis: 1, 2 or 5 times a power of ten, at least `max`.
 *
 * @example niceMax(37) // 50
 * @example niceMax(0) // 1
 */
export function niceMax(max: number): number {
  if (max <= 1) return 1
  const p = 10 ** Math.floor(Math.log10(max))
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p
  return 10 * p
}

/**
 * Stacked bars of calls per minute (allow at the bottom, then deny, then error), scaled into a
 * `width` × `height` box; empty minutes get no rectangles.
 *
 * @example stackedBars(stats.perMinute, 600, 160).rects.length
 */
export function stackedBars(
  minutes: readonly MinuteCount[],
  width: number,
  height: number,
): { rects: BarRect[]; max: number } {
  const max = niceMax(Math.max(0, ...minutes.map((m) => m.allow + m.deny + m.error)))
  const slot = minutes.length ? width / minutes.length : width
  const barWidth = Math.max(1, slot * 0.8)
  const rects: BarRect[] = []
  minutes.forEach((m, i) => {
    let y = height
    for (const decision of ['allow', 'deny', 'error'] as const) {
      const value = m[decision]
      if (value === 0) continue
      const h = (value / max) * height
      y -= h
      rects.push({
        x: i * slot + (slot - barWidth) / 2,
        y,
        width: barWidth,
        height: h,
        decision,
        minute: m.minute,
        value,
      })
    }
  })
  return { rects, max }
}

/**
 * Bar lengths for a ranked list, the largest filling `width`.
 *
 * @example barLengths([10, 5, 0], 200) // [200, 100, 0]
 */
export function barLengths(values: readonly number[], width: number): number[] {
  const max = Math.max(0, ...values)
  return values.map((v) => (max === 0 ? 0 : (v / max) * width))
}
