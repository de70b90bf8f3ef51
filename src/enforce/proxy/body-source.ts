import type { Readable } from 'node:stream'

/** The bytes of a request body as the client sends them, however they arrive. */
export interface BodySource {
  /** Content-Length when the client sent one; undefined for chunked bodies and bodiless requests. */
  readonly declaredLength: number | undefined
  /** True when the framing says there is no body (no Content-Length, no Transfer-Encoding, or length 0). */
  readonly empty: boolean
  /**
   * Reads the whole body. Rejects with a 413 Refusal past `max` bytes (never returning a part) and
   * with a Refusal of outcome `error` when the client goes away first. `onChunk` sees every byte.
   */
  read(max: number, onChunk?: (chunk: Buffer) => void): Promise<Buffer>
  /** The body as a stream, for routes whose body is piped to the daemon after the decision. */
  stream(): Readable
}
