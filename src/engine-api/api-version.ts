/** The oldest API version dockerd 20.10 accepts; older paths are refused by the daemon itself. */
export const MIN_API_VERSION = '1.12'
/** The API version Airlock interprets an unversioned path as, unless the upstream says otherwise. */
export const DEFAULT_API_VERSION = '1.41'

/** Parsed versions: a handful are ever in use; bounded because clients choose them. */
const PARSED = new Map<string, readonly number[]>()

function parts(v: string): readonly number[] {
  const known = PARSED.get(v)
  if (known) return known
  const out = parse(v)
  if (PARSED.size < 64) PARSED.set(v, out)
  return out
}

function parse(v: string): number[] {
  return v.split('.').map((p) => {
    // Go's strconv.Atoi: an error counts as 0 in moby's versions.compare.
    if (!/^[+-]?[0-9]+$/.test(p)) return 0
    const n = Number.parseInt(p, 10)
    return Number.isSafeInteger(n) ? n : 0
  })
}

/**
 * Compares two API versions exactly as moby's `api/types/versions.compare` does: dot-separated
 * integers, missing parts are 0, unparseable parts are 0. So `1.41.0` equals `1.41` and `1.040`
 * equals `1.40`.
 *
 * @example compareApiVersions('1.9', '1.12') // -1
 */
export function compareApiVersions(a: string, b: string): -1 | 0 | 1 {
  const x = parts(a)
  const y = parts(b)
  const n = Math.max(x.length, y.length)
  for (let i = 0; i < n; i++) {
    const p = x[i] ?? 0
    const q = y[i] ?? 0
    if (p > q) return 1
    if (p < q) return -1
  }
  return 0
}

export function versionLessThan(v: string, than: string): boolean {
  return compareApiVersions(v, than) < 0
}
