import { createHash, createHmac } from 'node:crypto'

/** The `prevHash` of record 1: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64)

/** A position in the chain: the last record's seq and hash (seq 0 and GENESIS_HASH when empty). */
export interface ChainHead {
  seq: number
  hash: string
}

/**
 * The hash of record `seq`: SHA-256, or HMAC-SHA256 when `key` is given, over
 * `prevHash` (64 ASCII hex digits) ‖ `seq` (8 bytes, big-endian) ‖ the record's canonical JSON bytes
 * as stored. Every part before the JSON has a fixed width, so the input is unambiguous. Returns hex.
 *
 * @example chainHash(GENESIS_HASH, 1, Buffer.from('{"a":1}')) // 64 hex digits
 */
export function chainHash(prevHash: string, seq: number, bytes: Uint8Array, key?: Uint8Array): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`chainHash: bad seq ${seq}`)
  const h = key ? createHmac('sha256', key) : createHash('sha256')
  const seqBytes = Buffer.alloc(8)
  seqBytes.writeBigUInt64BE(BigInt(seq))
  h.update(prevHash, 'latin1')
  h.update(seqBytes)
  h.update(bytes)
  return h.digest('hex')
}
