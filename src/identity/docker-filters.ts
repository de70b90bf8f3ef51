import { bool, decodeGo, map, slice, string } from '../engine-api/go-json/index.js'
import { InputError } from '../errors.js'

/** dockerd's `filters.Args`: each key's set of values. */
export type FilterArgs = Map<string, Set<string>>

const CURRENT = map(map(bool))
const LEGACY = map(slice(string))

function attempt(type: typeof CURRENT | typeof LEGACY, raw: Buffer): FilterArgs | undefined {
  let value: Map<string, unknown> | null
  try {
    value = decodeGo(type, raw).value as Map<string, unknown> | null
  } catch {
    return undefined
  }
  const out: FilterArgs = new Map()
  for (const [k, v] of value ?? []) {
    const set = new Set<string>()
    if (v instanceof Map) for (const key of v.keys()) set.add(String(key))
    else if (Array.isArray(v)) for (const s of v) set.add(String(s))
    out.set(k, set)
  }
  return out
}

/**
 * Decodes a `filters` query value as dockerd's `filters.FromJSON` does: the current form
 * `{"label":{"a=b":true}}` (the booleans are ignored when matching), else the legacy form
 * `{"label":["a=b"]}`; '' is no filter. What neither form reads is refused, as dockerd refuses it.
 *
 * @example decodeFilters('{"name":["web"]}').get('name') // Set { 'web' }
 */
export function decodeFilters(raw: string): FilterArgs {
  if (raw === '') return new Map()
  const bytes = Buffer.from(raw, 'utf8')
  const args = attempt(CURRENT, bytes) ?? attempt(LEGACY, bytes)
  if (!args) throw new InputError(`invalid filter: ${raw.slice(0, 200)}`)
  return args
}

/**
 * Encodes filters in the current form, keys sorted as Go's encoder sorts map keys.
 *
 * @example encodeFilters(new Map([['label', new Set(['a=b'])]])) // '{"label":{"a=b":true}}'
 */
export function encodeFilters(args: FilterArgs): string {
  const obj: Record<string, Record<string, boolean>> = {}
  for (const key of [...args.keys()].sort()) {
    const inner: Record<string, boolean> = {}
    for (const v of [...(args.get(key) ?? [])].sort()) inner[v] = true
    obj[key] = inner
  }
  return JSON.stringify(obj)
}

/**
 * Adds `value` to the `key` filter of a client's `filters` value. dockerd matches every `label`
 * value a filter carries (and), and every other key restricts further, so the result lists only
 * what the added filter selects, whatever the client sent.
 *
 * @example withFilter('{"status":["running"]}', 'label', 'airlock.owner=alice')
 * // '{"label":{"airlock.owner=alice":true},"status":{"running":true}}'
 */
export function withFilter(raw: string, key: string, value: string): string {
  const args = decodeFilters(raw)
  const set = args.get(key) ?? new Set<string>()
  set.add(value)
  args.set(key, set)
  return encodeFilters(args)
}
