/**
 * Keeps `map` under `max` entries before an insert: deletes the entries `stale` says may go, then,
 * if that was not enough, the oldest-inserted ones until a tenth is free. Amortized O(1) per insert.
 *
 * @example makeRoom(perCaller, 10_000, (w) => now - w.last > windowMs)
 */
export function makeRoom<K, V>(map: Map<K, V>, max: number, stale: (value: V) => boolean): void {
  if (map.size < max) return
  for (const [k, v] of map) if (stale(v)) map.delete(k)
  const target = Math.floor(max * 0.9)
  for (const k of map.keys()) {
    if (map.size <= target) break
    map.delete(k)
  }
}
