import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  any,
  float32,
  float64,
  type IntType,
  int,
  int8,
  int16,
  int32,
  int64,
  uint,
  uint8,
  uint16,
  uint32,
  uint64,
} from '../../../../src/engine-api/go-json/index.js'
import { rejects, val } from './helpers.js'

const ranges: [IntType, string, string][] = [
  [int8, '-128', '127'],
  [int16, '-32768', '32767'],
  [int32, '-2147483648', '2147483647'],
  [int64, '-9223372036854775808', '9223372036854775807'],
  [int, '-9223372036854775808', '9223372036854775807'],
  [uint8, '0', '255'],
  [uint16, '0', '65535'],
  [uint32, '0', '4294967295'],
  [uint64, '0', '18446744073709551615'],
  [uint, '0', '18446744073709551615'],
]

describe('go-json integers: strconv.ParseInt/ParseUint and the kind’s range', () => {
  for (const [type, min, max] of ranges) {
    it(`${type.name} takes ${min} … ${max} and nothing beyond`, () => {
      assert.equal(val(type, min), BigInt(min))
      assert.equal(val(type, max), BigInt(max))
      rejects(type, (BigInt(max) + 1n).toString(), 'type')
      rejects(type, (BigInt(min) - 1n).toString(), 'type')
    })
  }

  it('refuses fractions and exponents, even integral ones', () => {
    for (const literal of ['1.0', '1e3', '1E3', '1.5', '-0.0', '0e0', '1e-0']) rejects(int64, literal, 'type')
  })

  it('reads -0 as 0 for signed kinds and refuses it for unsigned ones', () => {
    assert.equal(val(int64, '-0'), 0n)
    assert.equal(val(int8, '-0'), 0n)
    rejects(uint64, '-0', 'type')
    rejects(uint8, '-1', 'type')
  })

  it('refuses huge literals quickly', () => {
    const err = rejects(int64, `1${'0'.repeat(100000)}`, 'type', [])
    assert.match(err.message, /^cannot decode number 10+ into int64$/)
  })

  it('keeps precision beyond 2^53', () => {
    assert.equal(val(int64, '9007199254740993'), 9007199254740993n)
    assert.equal(val(uint64, '18446744073709551615'), 2n ** 64n - 1n)
  })
})

describe('go-json floats: strconv.ParseFloat', () => {
  it('reads float64 literals with correct rounding and refuses overflow', () => {
    assert.equal(val(float64, '0.1'), 0.1)
    assert.equal(val(float64, '1e308'), 1e308)
    assert.equal(val(float64, '1.7976931348623158e308'), Number.MAX_VALUE)
    assert.equal(val(float64, '4.9e-324'), 5e-324)
    assert.equal(val(float64, '1e-400'), 0)
    assert.ok(Object.is(val(float64, '-0'), -0))
    assert.ok(Object.is(val(float64, '-1e-400'), -0))
    for (const literal of ['1e309', '-1e309', '1.7976931348623159e308', `1${'0'.repeat(400)}`]) {
      rejects(float64, literal, 'type')
    }
  })

  it('treats interface{} numbers as float64', () => {
    assert.equal(val(any, '12345678901234567890'), 12345678901234567000)
    rejects(any, '[1e400]', 'type', [0])
  })

  it('rounds float32 literals once, directly to float32', () => {
    assert.equal(val(float32, '0.1'), Math.fround(0.1))
    assert.equal(val(float32, '3.4028234663852886e38'), 3.4028234663852886e38)
    assert.equal(val(float32, '3.4028235e38'), 3.4028234663852886e38)
    assert.equal(val(float32, '1e-46'), 0)
    assert.equal(val(float32, '3.4028235677973366e38'), 3.4028234663852886e38)
    for (const literal of ['3.5e38', '-3.5e38', '3.4028235677973367e38', '1e39'])
      rejects(float32, literal, 'type')
    const even = 1
    const odd = 1 + 2 ** -23
    assert.equal(val(float32, '1.000000059604644775390625'), even)
    assert.equal(val(float32, '1.0000000596046447753906250000000001'), odd)
    assert.equal(val(float32, '1.0000000596046447753906249999999999'), even)
    assert.equal(val(float32, '-1.0000000596046447753906250000000001'), -odd)
    assert.equal(val(float32, '1.000000178813934326171875'), 1 + 2 ** -22)
    const maxFloat32 = 3.4028234663852886e38
    assert.equal(val(float32, '340282356779733661637539395458142568447'), maxFloat32)
    rejects(float32, '340282356779733661637539395458142568448', 'type')
    rejects(float32, '340282356779733661637539395458142568449', 'type')
  })
})
