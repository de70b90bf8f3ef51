import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { DOCKER_CLI_CREATE_BODY } from '../../../../bench/go-json.js'
import {
  any,
  decodeGo,
  embed,
  encodeGo,
  field,
  float32,
  GoJsonError,
  type GoType,
  int8,
  map,
  ptr,
  slice,
  string,
  struct,
  uint16,
} from '../../../../src/engine-api/go-json/index.js'
import * as moby from '../../../../src/engine-api/moby-types/index.js'
import { goValue, mangledJson, seeded, toPlain } from './arbitraries.js'

const Synthetic = struct('Synthetic', [
  field('Small', int8),
  embed(ptr(struct('Inner', [field('Port', uint16), field('Ratio', float32)]))),
  field('Nested', map(slice(ptr(struct('Leaf', [field('Skip', string)]))))),
  field('Any', any),
])

const TYPES: [string, GoType][] = [
  ['CreateRequest', moby.CreateRequest],
  ['UpdateConfig', moby.UpdateConfig],
  ['ExecConfig', moby.ExecConfig],
  ['NetworkCreateRequest', moby.NetworkCreateRequest],
  ['NetworkConnectRequest', moby.NetworkConnectRequest],
  ['VolumeCreateOptions', moby.VolumeCreateOptions],
  ['PluginPrivileges', moby.PluginPrivileges],
  ['ServiceSpec', moby.ServiceSpec],
  ['SecretSpec', moby.SecretSpec],
  ['Synthetic', Synthetic],
]

const decode = (type: GoType, text: string) => decodeGo(type, Buffer.from(text, 'utf8'))

describe('go-json properties', () => {
  for (const [name, type] of TYPES) {
    it(`(a) ${name}: decode(encode(v)) is v for any value of the type`, () => {
      fc.assert(
        fc.property(goValue(type), (v) => {
          const { value, unknown } = decode(type, encodeGo(type, v as never))
          assert.deepEqual(value, v)
          assert.deepEqual(unknown, [])
        }),
      )
    })

    it(`(b) ${name}: decode agrees with JSON.parse on exact-case bodies without duplicates`, () => {
      fc.assert(
        fc.property(goValue(type, { safeInts: true }), (v) => {
          const text = JSON.stringify(toPlain(v))
          assert.deepEqual(toPlain(decode(type, text).value), JSON.parse(text))
        }),
      )
    })

    it(`(c) ${name}: re-cased field names (with ſ, K, ı, İ) decode to the same value`, () => {
      fc.assert(
        fc.property(goValue(type), fc.integer(), (v, seed) => {
          const { value, unknown } = decode(type, mangledJson(type, v, seeded(seed)))
          assert.deepEqual(value, v)
          assert.deepEqual(unknown, [])
        }),
      )
    })
  }

  it('(b) interface{}: decode agrees with JSON.parse on any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        const text = JSON.stringify(v)
        assert.deepEqual(toPlain(decode(any, text).value), JSON.parse(text))
      }),
    )
  })

  const onlyGoJsonErrors = (type: GoType, bytes: Uint8Array) => {
    try {
      decodeGo(type, bytes)
    } catch (err) {
      if (!(err instanceof GoJsonError)) throw err
    }
  }

  it('(d) throws nothing but GoJsonError on arbitrary strings and bytes', () => {
    const jsonish = fc.string({
      unit: fc.constantFrom(...'{}[]:,"\\ uetrfalsn0123456789.-+eE\u017f\t\nA'.split('')),
      maxLength: 60,
    })
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), jsonish),
        fc.uint8Array({ maxLength: 64 }),
        (s, bytes) => {
          for (const type of [moby.CreateRequest, any, moby.ServiceSpec]) {
            onlyGoJsonErrors(type, Buffer.from(s, 'utf8'))
            onlyGoJsonErrors(type, bytes)
          }
        },
      ),
      { numRuns: 500 },
    )
  })

  it('(d) throws nothing but GoJsonError on mutations of a real body, and agrees with JSON.parse on validity', () => {
    const body = DOCKER_CLI_CREATE_BODY
    const mutation = fc.array(
      fc.tuple(
        fc.nat({ max: body.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom('set', 'insert', 'delete'),
      ),
      { minLength: 1, maxLength: 4 },
    )
    fc.assert(
      fc.property(mutation, (edits) => {
        let bytes = Buffer.from(body)
        for (const [at, byte, op] of edits) {
          const i = Math.min(at, bytes.length - 1)
          if (op === 'set') bytes[i] = byte
          else if (op === 'insert')
            bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from([byte]), bytes.subarray(i)])
          else bytes = Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + 1)])
        }
        onlyGoJsonErrors(moby.CreateRequest, bytes)
        let parsed = true
        try {
          JSON.parse(bytes.toString('utf8'))
        } catch {
          parsed = false
        }
        try {
          decodeGo(any, bytes)
          assert.ok(parsed, 'decoded what JSON.parse refuses')
        } catch (err) {
          assert.ok(err instanceof GoJsonError)
          if (err.reason === 'syntax') assert.ok(!parsed, `refused what JSON.parse accepts: ${err.message}`)
        }
      }),
      { numRuns: 1000 },
    )
  })
})
