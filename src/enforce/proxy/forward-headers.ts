/** Hop-by-hop headers (RFC 9110 §7.6.1) and headers Airlock sets itself or never passes on. */
const REQUEST_DROP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'host',
  'expect',
  'authorization',
  'cookie',
])

const RESPONSE_DROP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
])

/** Header names listed in the Connection header: hop-by-hop for this message. */
function connectionTokens(raw: readonly string[]): Set<string> {
  const out = new Set<string>()
  for (let i = 0; i < raw.length; i += 2) {
    if ((raw[i] as string).toLowerCase() !== 'connection') continue
    for (const t of (raw[i + 1] as string).split(',')) {
      const name = t.trim().toLowerCase()
      if (name) out.add(name)
    }
  }
  return out
}

function filter(raw: readonly string[], drop: ReadonlySet<string>): string[] {
  const named = connectionTokens(raw)
  const out: string[] = []
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string
    const lower = name.toLowerCase()
    if (drop.has(lower) || named.has(lower) || lower.startsWith('proxy-')) continue
    out.push(name, raw[i + 1] as string)
  }
  return out
}

/**
 * The client's request headers to pass to the daemon, as a raw list in the client's order: without
 * hop-by-hop headers (and those the Connection header names), framing headers (Airlock frames the
 * body itself), credentials meant for Airlock (Authorization, Cookie), Expect, and Host — then
 * `Host: docker`, as the docker CLI sends.
 *
 * @example forwardRequestHeaders(['Host', 'x', 'Connection', 'Upgrade', 'Upgrade', 'tcp', 'X-Registry-Auth', 'e30='])
 * // ['Host', 'docker', 'X-Registry-Auth', 'e30=']
 */
export function forwardRequestHeaders(raw: readonly string[]): string[] {
  return ['Host', 'docker', ...filter(raw, REQUEST_DROP)]
}

/**
 * The daemon's response headers to pass to the client: without hop-by-hop headers. Content-Length
 * stays (the body is relayed unchanged); Node re-frames anything else.
 *
 * @example forwardResponseHeaders(['Api-Version', '1.41', 'Transfer-Encoding', 'chunked']) // ['Api-Version', '1.41']
 */
export function forwardResponseHeaders(raw: readonly string[]): string[] {
  return filter(raw, RESPONSE_DROP)
}
