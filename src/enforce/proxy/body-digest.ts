import { createHash, type Hash } from 'node:crypto'

/**
 * Counts and hashes request body bytes as they arrive, so the audit record carries the SHA-256 of
 * the body as received, also for streams that are never held in memory.
 *
 * @example const d = new BodyDigest(); d.update(Buffer.from('{}')); d.hex() // '44136fa3…'
 */
export class BodyDigest {
  #hash: Hash | undefined
  #bytes = 0

  update(chunk: Buffer): void {
    if (chunk.length === 0) return
    this.#hash ??= createHash('sha256')
    this.#hash.update(chunk)
    this.#bytes += chunk.length
  }

  get bytes(): number {
    return this.#bytes
  }

  /** The hex digest, or '' when no byte was seen. Safe to call more than once. */
  hex(): string {
    return this.#hash ? this.#hash.copy().digest('hex') : ''
  }
}
