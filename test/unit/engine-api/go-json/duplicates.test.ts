import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { any, field, map, ptr, type StructType, string } from '../../../../src/engine-api/go-json/index.js'
import { Config, CreateRequest, HostConfig } from '../../../../src/engine-api/moby-types/index.js'
import { dec, obj, rejects, val } from './helpers.js'

describe('go-json duplicates: refused wherever Go would merge them', () => {
  it('refuses two keys for one struct field, exact or folded', () => {
    rejects(HostConfig, '{"Privileged":false,"Privileged":true}', 'duplicate', [])
    rejects(HostConfig, '{"Privileged":false,"privileged":true}', 'duplicate')
    rejects(HostConfig, '{"privileged":true,"PRIVILEGED":false}', 'duplicate')
    rejects(HostConfig, '{"ShmSize":1,"\u017fhmsize":2}', 'duplicate')
    rejects(HostConfig, '{"Privileged":true,"Pr\\u0069vileged":false}', 'duplicate')
  })

  it('refuses a duplicate even when the first value is null', () => {
    rejects(HostConfig, '{"Privileged":null,"privileged":true}', 'duplicate')
    rejects(CreateRequest, '{"HostConfig":null,"hostConfig":{"Privileged":true}}', 'duplicate')
  })

  it('refuses duplicates of promoted fields and names the object', () => {
    rejects(HostConfig, '{"Memory":1,"memory":2}', 'duplicate')
    const err = rejects(CreateRequest, '{"HostConfig":{"CapAdd":["A"],"capadd":["B"]}}', 'duplicate', [
      'HostConfig',
    ])
    assert.match(err.message, /^HostConfig: duplicate key "capadd" for field CapAdd$/)
    rejects(CreateRequest, '{"Image":"a","IMAGE":"b"}', 'duplicate', [])
  })

  it('refuses duplicate map keys and interface{} keys, but not keys differing in case', () => {
    rejects(Config, '{"Labels":{"a":"1","a":"2"}}', 'duplicate', ['Labels'])
    rejects(any, '{"a":1,"b":{"c":1,"c":1}}', 'duplicate', ['b'])
    assert.deepEqual(
      val(map(string), '{"a":"1","A":"2"}'),
      new Map([
        ['a', '1'],
        ['A', '2'],
      ]),
    )
  })

  it('refuses port keys that the daemon reads as the same port', () => {
    rejects(Config, '{"ExposedPorts":{"80/tcp":{},"80":{}}}', 'duplicate', ['ExposedPorts'])
    rejects(Config, '{"ExposedPorts":{"80/tcp":{},"80/TCP":{}}}', 'duplicate')
    rejects(HostConfig, '{"PortBindings":{"0080/udp":[],"80/udp":[]}}', 'duplicate')
    const { value } = dec(Config, '{"ExposedPorts":{"80/tcp":{},"80/udp":{},"81":{}}}')
    assert.deepEqual(
      [...(value as { ExposedPorts: Map<string, unknown> }).ExposedPorts.keys()],
      ['80/tcp', '80/udp', '81'],
    )
    rejects(Config, '{"ExposedPorts":{"http":{}}}', 'type', ['ExposedPorts', 'http'])
    rejects(Config, '{"ExposedPorts":{"70000/tcp":{}}}', 'type')
  })

  it('allows the same field in different objects of one type', () => {
    const v = val(HostConfig, '{"Mounts":[{"Type":"bind","Target":"/a"},{"Type":"volume","Target":"/b"}]}')
    assert.equal((v as { Mounts: unknown[] }).Mounts.length, 2)
    val(
      HostConfig,
      '{"BlkioDeviceReadBps":[{"Path":"a","Rate":1},{"Path":"b","Rate":2}],"Ulimits":[{"Name":"a"},{"Name":"b"}]}',
    )
  })

  it('allows repeated keys that match no field: dockerd skips them all', () => {
    const { value, unknown } = dec(CreateRequest, '{"Bogus":1,"Bogus":2,"Image":"x"}')
    assert.deepEqual(value, obj({ Image: 'x' }))
    assert.deepEqual(unknown, ['Bogus', 'Bogus'])
  })

  it('detects duplicates in a hand-built recursive struct type after decoding a nested value', () => {
    const members: StructType['members'][number][] = []
    const Node: StructType = { kind: 'struct', name: 'Node', members }
    members.push(field('Name', string), field('Child', ptr(Node)))
    assert.deepEqual(
      val(Node, '{"Name":"a","Child":{"Name":"b","Child":{"Name":"c"}}}'),
      obj({
        Name: 'a',
        Child: obj({ Name: 'b', Child: obj({ Name: 'c' }) }),
      }),
    )
    rejects(Node, '{"Name":"a","Child":{"Name":"b"},"name":"x"}', 'duplicate', [])
  })
})
