/**
 * Estimates the q-quantile (0..1) of bucketed observations as Prometheus' histogram_quantile does:
 * linear within the bucket that holds it; above the last bound, the last bound. NaN when empty.
 *
 * @example histogramQuantile([1, 2, 4], Float64Array.from([2, 2, 0, 0]), 0.5) // 1
 */
export function histogramQuantile(bounds: readonly number[], counts: ArrayLike<number>, q: number): number {
  let total = 0
  for (let i = 0; i < counts.length; i++) total += counts[i] as number
  if (total === 0) return Number.NaN
  const rank = q * total
  let acc = 0
  for (let i = 0; i < bounds.length; i++) {
    const c = counts[i] as number
    if (acc + c >= rank && c > 0) {
      const lower = i === 0 ? 0 : (bounds[i - 1] as number)
      const upper = bounds[i] as number
      return lower + ((upper - lower) * (rank - acc)) / c
    }
    acc += c
  }
  return bounds[bounds.length - 1] ?? Number.NaN
}
