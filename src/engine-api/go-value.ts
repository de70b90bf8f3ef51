/**
 * Reading values produced by the Go-compatible decoder: structs are null-prototype objects keyed by
 * canonical JSON names (only present fields), ints are bigint, maps are Map, slices are arrays.
 * These accessors turn them into plain TypeScript values for adapters.
 */
export type GoStruct = Record<string, unknown>

export function isStruct(v: unknown): v is GoStruct {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map)
}

export function struct(v: unknown): GoStruct | undefined {
  return isStruct(v) ? v : undefined
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

export function bool(v: unknown): boolean {
  return v === true
}

/** An int or float as a JS number (int64 beyond 2^53 loses precision, which limits tolerate). */
export function num(v: unknown): number | undefined {
  if (typeof v === 'bigint') return Number(v)
  if (typeof v === 'number') return v
  return undefined
}

export function strList(v: unknown): string[] {
  return Array.isArray(v) ? v.map(str) : []
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : []
}

/** A Go map[string]string as a plain record (null prototype, so `__proto__` is just a key). */
export function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null)
  if (v instanceof Map) for (const [k, val] of v) out[String(k)] = str(val)
  return out
}

export function mapKeys(v: unknown): string[] {
  return v instanceof Map ? [...v.keys()].map(String) : []
}

export function mapEntries(v: unknown): [string, unknown][] {
  return v instanceof Map ? [...v.entries()].map(([k, val]) => [String(k), val]) : []
}

/** Whether a struct has the field at all (present in the body with a non-null value). */
export function has(s: GoStruct | undefined, key: string): boolean {
  return s !== undefined && Object.hasOwn(s, key)
}
