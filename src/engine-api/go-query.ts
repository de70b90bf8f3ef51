import { AmbiguousRequestError } from '../errors.js'
import { goToLower, goTrimSpace } from '../model/go-strings.js'

/** Query parameters as Go's url.Values: every value of every key, in order. */
export type GoQuery = Map<string, string[]>

function unescapeQuery(s: string, what: string): string {
  const plus = s.replace(/\+/g, ' ')
  if (!plus.includes('%')) return plus
  const bytes: number[] = []
  for (let i = 0; i < plus.length; i++) {
    const c = plus.charCodeAt(i)
    if (c === 0x25) {
      const hex = plus.slice(i + 1, i + 3)
      if (!/^[0-9a-fA-F]{2}$/.test(hex))
        throw new AmbiguousRequestError(`invalid percent-escape in query ${what}`)
      bytes.push(Number.parseInt(hex, 16))
      i += 2
    } else {
      for (const b of Buffer.from(plus[i] as string, 'utf8')) bytes.push(b)
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes))
  } catch {
    throw new AmbiguousRequestError(`query ${what} decodes to bytes that are not UTF-8`)
  }
}

/**
 * Parses a raw query string as Go's url.ParseQuery does, but refuses what Go would skip with an error
 * (a `;` separator, a bad escape): dockerd's handlers sometimes ignore that error and use what was
 * parsed, so such a query has no single meaning.
 *
 * @example parseGoQuery('a=1&a=2&b').get('a') // ['1', '2']
 */
export function parseGoQuery(raw: string): GoQuery {
  const out: GoQuery = new Map()
  if (raw === '') return out
  for (const pair of raw.split('&')) {
    if (pair === '') continue
    if (pair.includes(';'))
      throw new AmbiguousRequestError('query contains ";", which dockerd refuses or splits differently')
    const eq = pair.indexOf('=')
    const key = unescapeQuery(eq < 0 ? pair : pair.slice(0, eq), 'key')
    const value = unescapeQuery(eq < 0 ? '' : pair.slice(eq + 1), `value of "${key}"`)
    const list = out.get(key)
    if (list) list.push(value)
    else out.set(key, [value])
  }
  return out
}

/** `r.Form.Get(key)`: the first value, or ''. */
export function queryGet(q: GoQuery, key: string): string {
  return q.get(key)?.[0] ?? ''
}

/** moby httputils.BoolValue: false only for '', '0', 'no', 'false', 'none' (trimmed, lower-cased). */
export function queryBool(q: GoQuery, key: string): boolean {
  const s = goToLower(goTrimSpace(queryGet(q, key)))
  return !(s === '' || s === '0' || s === 'no' || s === 'false' || s === 'none')
}

/** moby httputils.Int64ValueOrZero: the value as a base-10 int64, or 0 when it does not parse. */
export function queryInt(q: GoQuery, key: string): number {
  const s = queryGet(q, key)
  if (!/^[+-]?[0-9]+$/.test(s)) return 0
  const n = Number(s)
  return Number.isFinite(n) && Math.abs(n) <= 2 ** 63 ? n : 0
}
