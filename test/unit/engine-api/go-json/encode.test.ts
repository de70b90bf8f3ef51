import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  any,
  array,
  bytes,
  encodeGo,
  field,
  float32,
  float64,
  GoJsonError,
  int8,
  map,
  ptr,
  slice,
  string,
  struct,
  uint,
} from '../../../../src/engine-api/go-json/index.js'
import { CreateRequest, HostConfig, RestartPolicy } from '../../../../src/engine-api/moby-types/index.js'
import { obj, val } from './helpers.js'

const enc = (type: Parameters<typeof encodeGo>[0], value: unknown) => encodeGo(type, value as never)

function refuses(fn: () => unknown, reason: string, path?: (string | number)[]): void {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof GoJsonError)
    assert.equal(err.reason, reason)
    if (path) assert.deepEqual(err.path, path)
    return true
  })
}

describe('go-json encodeGo: canonical JSON', () => {
  it('writes struct fields in Go order under their exact names, each once', () => {
    const v = val(CreateRequest, '{"hostconfig":{"PRIVILEGED":true,"capadd":"ALL"},"image":"x","cmd":"sh"}')
    assert.equal(
      enc(CreateRequest, v),
      '{"Cmd":["sh"],"Image":"x","HostConfig":{"CapAdd":["ALL"],"Privileged":true}}',
    )
    assert.equal(
      enc(RestartPolicy, obj({ Name: 'always', MaximumRetryCount: 0n })),
      '{"Name":"always","MaximumRetryCount":0}',
    )
  })

  it('keeps map insertion order and escapes keys', () => {
    const m = new Map([
      ['z', '1'],
      ['a"b', '2'],
      ['\n', '3'],
    ])
    assert.equal(enc(map(string), m), '{"z":"1","a\\"b":"2","\\n":"3"}')
  })

  it('escapes quotes, backslashes and control characters, and keeps other text literal', () => {
    assert.equal(enc(string, '"\\\n\r\t\b\f\u0000\u001f'), '"\\"\\\\\\n\\r\\t\\u0008\\u000c\\u0000\\u001f"')
    assert.equal(enc(string, 'caf\u00e9 \u2028 \u{1f600} <&>'), '"caf\u00e9 \u2028 \u{1f600} <&>"')
    refuses(() => enc(slice(string), ['ok', 'a\ud800b']), 'encoding', [1])
    refuses(() => enc(string, '\udc00'), 'encoding')
  })

  it('writes integers in decimal and floats in shortest round-trip form', () => {
    assert.equal(enc(slice(int8), [-128n, 0n, 127n]), '[-128,0,127]')
    assert.equal(
      enc(slice(float64), [0.1, 1e21, 1e-7, -0, 5e-324, 123456789]),
      '[0.1,1e+21,1e-7,-0,5e-324,123456789]',
    )
    assert.equal(enc(float32, Math.fround(0.1)), '0.1')
    assert.equal(enc(float32, Math.fround(3.4e38)), '3.4e+38')
    assert.equal(
      enc(
        any,
        new Map<string, unknown>([
          ['n', 1.5],
          ['l', [true, null, 'x']],
        ]),
      ),
      '{"n":1.5,"l":[true,null,"x"]}',
    )
  })

  it('writes []byte as base64 and nil elements as null', () => {
    assert.equal(enc(bytes, new Uint8Array([104, 105])), '"aGk="')
    assert.equal(enc(slice(ptr(RestartPolicy)), [null, obj({})]), '[null,{}]')
    assert.equal(enc(map(slice(string)), new Map([['a', null]])), '{"a":null}')
  })

  it('omits absent and null struct fields and accepts plain objects', () => {
    assert.equal(
      enc(HostConfig, { Privileged: true, Init: null, Memory: 5n }),
      '{"Privileged":true,"Memory":5}',
    )
    assert.equal(enc(HostConfig, structuredClone(val(HostConfig, '{"Binds":["a"]}'))), '{"Binds":["a"]}')
  })

  it('refuses values that do not fit the type', () => {
    refuses(() => enc(HostConfig, { Privileged: 1 }), 'type', ['Privileged'])
    refuses(() => enc(HostConfig, { Memory: 5 }), 'type', ['Memory'])
    refuses(() => enc(HostConfig, { OomScoreAdj: 2n ** 63n }), 'type', ['OomScoreAdj'])
    refuses(() => enc(HostConfig, { Privilegd: true }), 'type', [])
    refuses(() => enc(HostConfig, { ConsoleSize: [1n] }), 'type', ['ConsoleSize'])
    refuses(() => enc(slice(string), [null]), 'type', [0])
    refuses(() => enc(array(uint, 2), [1n, -1n]), 'type', [1])
    refuses(() => enc(float64, Number.NaN), 'type')
    refuses(() => enc(float32, 0.1), 'type')
    refuses(() => enc(HostConfig, new Map()), 'type')
    refuses(() => enc(map(string), { a: '1' }), 'type')
    refuses(
      () => enc(struct('T', [field('P', HostConfig.members[4]!.type)]), { P: new Map([['http', []]]) }),
      'type',
    )
  })
})
