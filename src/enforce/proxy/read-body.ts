import { bodyTooLarge } from './body-limit.js'
import type { Exchange } from './exchange.js'

/** Body size limits, in bytes. */
export interface BodyLimits {
  /** Streamed bodies (build contexts, image tarballs, archives). */
  maxBody: number
  /** Buffered bodies: JSON documents, and whatever a client sends to a route that reads none. */
  maxJsonBody: number
}

/**
 * Pass 4 — read body, by the route's body kind: `json`/`json-optional` are buffered whole (413 past
 * the JSON limit, never a part forwarded); `none` is read and discarded within the same limit;
 * `stream` is left to be piped after the decision. Every byte is counted and hashed for the record.
 *
 * @example await readBody(ex, { maxBody: 64 << 20, maxJsonBody: 4 << 20 })
 */
export async function readBody(ex: Exchange, limits: BodyLimits): Promise<void> {
  const kind = ex.request?.route.body ?? 'none'
  if (kind === 'stream') {
    const declared = ex.body.declaredLength
    if (declared !== undefined && declared > limits.maxBody) throw bodyTooLarge(limits.maxBody)
    return
  }
  if (ex.body.empty) return
  const onChunk = (chunk: Buffer) => ex.digest.update(chunk)
  const body = await ex.body.read(limits.maxJsonBody, onChunk)
  if (kind !== 'none' && body.length > 0) ex.bodyBuffer = body
}
