/** A small JSON answer from the daemon. */
export interface LookupResult {
  status: number
  json: unknown
}

/**
 * Read-only GETs the proxy makes to the daemon itself, to learn what a request refers to (the
 * container it joins, the volume it mounts, the image's user). Rejects on transport errors and
 * timeouts; any HTTP status resolves.
 */
export interface UpstreamLookup {
  get(path: string): Promise<LookupResult>
}

/** `value[key]` when value is a plain object. */
export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined
}

/** A string field, or ''. */
export function stringField(value: unknown, key: string): string {
  const v = field(value, key)
  return typeof v === 'string' ? v : ''
}
