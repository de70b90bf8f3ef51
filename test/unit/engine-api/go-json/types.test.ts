import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  array,
  bool,
  bytes,
  field,
  float64,
  type GoType,
  int64,
  map,
  slice,
  string,
  strslice,
  struct,
  text,
  uint,
} from '../../../../src/engine-api/go-json/index.js'
import { Config, CreateRequest, HostConfig, SecretSpec } from '../../../../src/engine-api/moby-types/index.js'
import { obj, rejects, val } from './helpers.js'

const Inner = struct('Inner', [field('A', string)])

describe('go-json type mismatches: refused, as dockerd answers 400', () => {
  const table: [string, GoType[]][] = [
    ['"x"', [bool, int64, float64, slice(string), map(string), Inner, array(uint, 2)]],
    ['1', [string, bool, slice(string), Inner, map(string), text('netip.Addr'), strslice]],
    ['true', [string, int64, slice(string), Inner, strslice, bytes]],
    ['{}', [string, slice(string), array(uint, 2), strslice, int64, bool, bytes]],
    ['[]', [string, Inner, map(string), bool, text('netip.Addr'), float64]],
  ]
  for (const [json, types] of table) {
    for (const type of types) {
      it(`refuses ${json} into ${type.name}`, () => {
        const T = struct('T', [field('F', type)])
        const err = rejects(T, `{"F":${json}}`, 'type', ['F'])
        assert.match(err.message, /^F: cannot decode (string|number 1|bool|object|array) into /)
      })
    }
  }

  it('names the element in the message', () => {
    const err = rejects(CreateRequest, '{"HostConfig":{"CapAdd":["A","B",3]}}', 'type', [
      'HostConfig',
      'CapAdd',
      2,
    ])
    assert.equal(err.message, 'HostConfig.CapAdd[2]: cannot decode number 3 into string')
    const err2 = rejects(HostConfig, '{"PortBindings":{"80/tcp":[{"HostPort":8080}]}}', 'type')
    assert.deepEqual(err2.path, ['PortBindings', '80/tcp', 0, 'HostPort'])
    assert.equal(err2.message, 'PortBindings.80/tcp[0].HostPort: cannot decode number 8080 into string')
    assert.equal(err2.code, 'E_AMBIGUOUS')
    assert.equal(err2.status, 400)
  })
})

describe('go-json StrSlice (dockerd 20.10 Cmd, Entrypoint, Shell, CapAdd, CapDrop)', () => {
  it('reads a string as a one-element list and an array as a list', () => {
    assert.deepEqual(val(Config, '{"Cmd":"sh -c id"}'), obj({ Cmd: ['sh -c id'] }))
    assert.deepEqual(val(Config, '{"Cmd":""}'), obj({ Cmd: [''] }))
    assert.deepEqual(val(Config, '{"Entrypoint":["a","b"]}'), obj({ Entrypoint: ['a', 'b'] }))
    assert.deepEqual(val(Config, '{"Shell":[]}'), obj({ Shell: [] }))
    assert.deepEqual(val(HostConfig, '{"CapAdd":"ALL"}'), obj({ CapAdd: ['ALL'] }))
  })

  it('refuses anything else', () => {
    for (const json of ['1', 'true', '{}', '[1]', '[["a"]]', '[{}]'])
      rejects(Config, `{"Cmd":${json}}`, 'type')
  })
})

describe('go-json text types, arrays and []byte', () => {
  it('accepts any string for address types and validates port keys', () => {
    assert.deepEqual(
      val(HostConfig, '{"Dns":["1.1.1.1","not-an-ip"]}'),
      obj({ Dns: ['1.1.1.1', 'not-an-ip'] }),
    )
    assert.deepEqual(val(Config, '{"ExposedPorts":{"":{}}}'), obj({ ExposedPorts: new Map([['', obj({})]]) }))
    rejects(Config, '{"ExposedPorts":{"80-90/tcp":{}}}', 'type', ['ExposedPorts', '80-90/tcp'])
    rejects(Config, '{"ExposedPorts":{"/tcp":{}}}', 'type')
  })

  it('skips elements beyond a Go array’s length, checking their syntax only', () => {
    assert.deepEqual(val(HostConfig, '{"ConsoleSize":[1,2,"x",{}]}'), obj({ ConsoleSize: [1n, 2n] }))
    rejects(HostConfig, '{"ConsoleSize":[1,2,[}]}', 'syntax')
    rejects(HostConfig, '{"ConsoleSize":[1,-2]}', 'type', ['ConsoleSize', 1])
  })

  it('reads []byte from base64 with padding, or from an array of bytes', () => {
    const data = (v: unknown) => (v as { Data: Uint8Array }).Data
    assert.deepEqual(data(val(SecretSpec, '{"Data":"aGk="}')), new Uint8Array([104, 105]))
    assert.deepEqual(data(val(SecretSpec, '{"Data":"aG\\nk="}')), new Uint8Array([104, 105]))
    assert.deepEqual(data(val(SecretSpec, '{"Data":""}')), new Uint8Array([]))
    assert.deepEqual(data(val(SecretSpec, '{"Data":[1,2,255]}')), new Uint8Array([1, 2, 255]))
    for (const bad of ['"aGk"', '"aG=k"', '"a==="', '"aGk=aGk="', '"aGk_"', '[256]', '[-1]']) {
      rejects(SecretSpec, `{"Data":${bad}}`, 'type', ['Data', ...(bad.startsWith('[') ? [0] : [])])
    }
  })
})
