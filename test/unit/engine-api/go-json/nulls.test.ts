import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  any,
  array,
  bool,
  bytes,
  encodeGo,
  field,
  float64,
  type GoType,
  int64,
  map,
  ptr,
  slice,
  string,
  strslice,
  struct,
  text,
  uint,
  zeroValue,
} from '../../../../src/engine-api/go-json/index.js'
import { CreateRequest, HostConfig } from '../../../../src/engine-api/moby-types/index.js'
import { dec, obj, val } from './helpers.js'

const Inner = struct('Inner', [field('A', string)])
const kinds: [string, GoType, unknown][] = [
  ['string', string, ''],
  ['bool', bool, false],
  ['int64', int64, 0n],
  ['float64', float64, 0],
  ['text', text('netip.Addr'), ''],
  ['struct', Inner, obj({})],
  ['array', array(uint, 2), [0n, 0n]],
  ['*bool', ptr(bool), null],
  ['*struct', ptr(Inner), null],
  ['slice', slice(string), null],
  ['map', map(string), null],
  ['strslice', strslice, null],
  ['bytes', bytes, null],
  ['interface{}', any, null],
]

describe('go-json null: nil for pointers, slices, maps and interfaces; no effect otherwise', () => {
  for (const [name, type, zero] of kinds) {
    it(`null into a ${name} field leaves it absent`, () => {
      const T = struct('T', [field('F', type)])
      const { value, unknown } = dec(T, '{"F":null}')
      assert.deepEqual(value, obj({}))
      assert.deepEqual(unknown, [])
      assert.equal(encodeGo(T, value as never), '{}')
    })

    it(`null as a ${name} element is its zero value`, () => {
      assert.deepEqual(zeroValue(type), zero)
      assert.deepEqual(val(slice(type), '[null]'), [zero])
      assert.deepEqual(val(map(type), '{"k":null}'), new Map([['k', zero]]))
      assert.deepEqual(val(array(type, 2), '[null]'), [zero, zero])
    })
  }

  it('null at the top level is the zero value', () => {
    assert.deepEqual(val(CreateRequest, 'null'), obj({}))
    assert.equal(val(slice(string), 'null'), null)
    assert.equal(val(string, 'null'), '')
  })

  it('null inside a StrSlice array is an empty string, as in Go', () => {
    assert.deepEqual(val(HostConfig, '{"CapAdd":["A",null]}'), obj({ CapAdd: ['A', ''] }))
  })

  it('keeps nulls inside interface{} values', () => {
    assert.deepEqual(
      val(any, '{"a":null,"b":[null]}'),
      new Map<string, unknown>([
        ['a', null],
        ['b', [null]],
      ]),
    )
  })
})

describe('go-json [] and {}: present and empty, unlike null and absent', () => {
  it('keeps [] as an empty list and re-encodes it', () => {
    const empty = val(HostConfig, '{"MaskedPaths":[],"ReadonlyPaths":null}')
    assert.deepEqual(empty, obj({ MaskedPaths: [] }))
    assert.equal(encodeGo(HostConfig, empty as never), '{"MaskedPaths":[]}')
    assert.deepEqual(val(HostConfig, '{}'), obj({}))
    assert.deepEqual(val(HostConfig, '{"CapAdd":[]}'), obj({ CapAdd: [] }))
  })

  it('keeps {} as an empty map or a present, empty struct', () => {
    const v = val(CreateRequest, '{"Labels":{},"HostConfig":{},"NetworkingConfig":{"EndpointsConfig":{}}}')
    assert.deepEqual(
      v,
      obj({ Labels: new Map(), HostConfig: obj({}), NetworkingConfig: obj({ EndpointsConfig: new Map() }) }),
    )
    assert.equal(
      encodeGo(CreateRequest, v as never),
      '{"Labels":{},"HostConfig":{},"NetworkingConfig":{"EndpointsConfig":{}}}',
    )
  })

  it('fills a fixed-length array: missing elements are zero', () => {
    assert.deepEqual(val(HostConfig, '{"ConsoleSize":[]}'), obj({ ConsoleSize: [0n, 0n] }))
    assert.deepEqual(val(HostConfig, '{"ConsoleSize":[24]}'), obj({ ConsoleSize: [24n, 0n] }))
  })
})
