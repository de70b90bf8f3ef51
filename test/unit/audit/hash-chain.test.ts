import assert from 'node:assert/strict'
import { createHash, createHmac } from 'node:crypto'
import { describe, it } from 'node:test'
import { chainHash, GENESIS_HASH } from '../../../src/audit/hash-chain.js'

const bytes = Buffer.from('{"a":1}')

describe('chainHash', () => {
  it('is SHA-256 over prevHash, seq as 8 bytes big-endian, then the bytes', () => {
    const input = Buffer.concat([Buffer.from(GENESIS_HASH), Buffer.from([0, 0, 0, 0, 0, 0, 1, 2]), bytes])
    assert.equal(chainHash(GENESIS_HASH, 258, bytes), createHash('sha256').update(input).digest('hex'))
  })

  it('is HMAC-SHA256 with a key', () => {
    const key = Buffer.from('k'.repeat(32))
    const input = Buffer.concat([Buffer.from(GENESIS_HASH), Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]), bytes])
    assert.equal(
      chainHash(GENESIS_HASH, 1, bytes, key),
      createHmac('sha256', key).update(input).digest('hex'),
    )
    assert.notEqual(chainHash(GENESIS_HASH, 1, bytes, key), chainHash(GENESIS_HASH, 1, bytes))
  })

  it('changes with the previous hash, the seq and every byte', () => {
    const base = chainHash(GENESIS_HASH, 1, bytes)
    assert.notEqual(chainHash('1'.repeat(64), 1, bytes), base)
    assert.notEqual(chainHash(GENESIS_HASH, 2, bytes), base)
    assert.notEqual(chainHash(GENESIS_HASH, 1, Buffer.from('{"a":2}')), base)
    assert.match(base, /^[0-9a-f]{64}$/)
  })

  it('refuses a seq that is not a positive safe integer', () => {
    for (const seq of [0, -1, 1.5, 2 ** 53])
      assert.throws(() => chainHash(GENESIS_HASH, seq, bytes), RangeError)
  })
})
