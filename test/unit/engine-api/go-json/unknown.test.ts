import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { encodeGo, formatPath } from '../../../../src/engine-api/go-json/index.js'
import { CreateRequest, legacyTopLevelKeys } from '../../../../src/engine-api/moby-types/index.js'
import { dec, obj, rejects } from './helpers.js'

describe('go-json unknown keys: skipped like Go, reported with their path', () => {
  it('reports keys that match no field at every level', () => {
    const body = JSON.stringify({
      Foo: { deep: [1] },
      Image: 'x',
      HostConfig: {
        Bar: null,
        Mounts: [{ Type: 'bind' }, { Type: 'bind', Baz: 1 }],
        ConsoleSize: [1, 2, 3, 4],
      },
      NetworkingConfig: { EndpointsConfig: { net1: { Qux: 1 }, 'my.net': { Quux: true } } },
    })
    const { value, unknown } = dec(CreateRequest, body)
    assert.deepEqual(unknown, [
      'Foo',
      'HostConfig.Bar',
      'HostConfig.Mounts[1].Baz',
      'HostConfig.ConsoleSize[2]',
      'HostConfig.ConsoleSize[3]',
      'NetworkingConfig.EndpointsConfig.net1.Qux',
      'NetworkingConfig.EndpointsConfig["my.net"].Quux',
    ])
    assert.equal(
      encodeGo(CreateRequest, value as never),
      '{"Image":"x","HostConfig":{"ConsoleSize":[1,2],"Mounts":[{"Type":"bind"},{"Type":"bind"}]},' +
        '"NetworkingConfig":{"EndpointsConfig":{"net1":{},"my.net":{}}}}',
    )
  })

  it('quotes keys that would make the dotted form ambiguous', () => {
    const { unknown } = dec(CreateRequest, '{"HostConfig.Privileged":true,"":1,"a b":1,"a\\"b":1,"[0]":1}')
    assert.deepEqual(unknown, ['["HostConfig.Privileged"]', '[""]', '["a b"]', '["a\\"b"]', '["[0]"]'])
    assert.equal(formatPath(['Labels', 'com.example', 0]), 'Labels["com.example"][0]')
  })

  it('requires the skipped value to be valid JSON', () => {
    rejects(CreateRequest, '{"Foo":[1,}', 'syntax', [])
    rejects(CreateRequest, '{"Foo":01}', 'syntax')
  })

  it('finds top-level keys that dockerd 20.10 applied as HostConfig, with Go folding', () => {
    const { value, unknown } = dec(
      CreateRequest,
      '{"Image":"x","Privileged":true,"\u017fhm\u017fize":1,"cpuset":"0","Memory":1,"Foo":1,"HostConfig":{"Bar":1}}',
    )
    assert.deepEqual(value, obj({ Image: 'x', HostConfig: obj({}) }))
    assert.deepEqual(legacyTopLevelKeys(unknown), ['Privileged', '\u017fhm\u017fize', 'cpuset', 'Memory'])
  })
})
