import type { Exchange } from './exchange.js'

/** What the forwarded request carries. */
export type OutgoingBody =
  | { kind: 'none' }
  | { kind: 'buffer'; bytes: Buffer }
  /** The client's body, piped as it arrives (chunked). */
  | { kind: 'stream' }
  /** The client's body is read and dropped (dockerd does not read it); nothing is forwarded. */
  | { kind: 'drain' }

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH'])

/**
 * The body to forward and the headers that frame it: Airlock's own encoding of a decoded JSON body
 * with the decision's mutations applied (Content-Type: application/json, Content-Length), the
 * client's stream for stream routes, or nothing. Adds the framing headers to `headers`.
 *
 * @example outgoingBody(ex, headers) // { kind: 'buffer', bytes: <Buffer 7b 22 ...> }
 */
export function outgoingBody(ex: Exchange, headers: string[]): OutgoingBody {
  const body = ex.interpretation?.body ?? { kind: 'none' }
  const routeStreams = ex.request?.route.body === 'stream'
  if (body.kind === 'stream' && routeStreams) return { kind: 'stream' }
  const dropContentType = () => {
    for (let i = headers.length - 2; i >= 0; i -= 2) {
      if ((headers[i] as string).toLowerCase() === 'content-type') headers.splice(i, 2)
    }
  }
  if (body.kind === 'encoded') {
    const bytes = body.encode(ex.decision?.mutations ?? [])
    dropContentType()
    if (bytes.length > 0) {
      headers.push('Content-Type', 'application/json', 'Content-Length', String(bytes.length))
      return { kind: 'buffer', bytes }
    }
  }
  if (BODY_METHODS.has(ex.method)) headers.push('Content-Length', '0')
  return routeStreams && !ex.body.empty ? { kind: 'drain' } : { kind: 'none' }
}
