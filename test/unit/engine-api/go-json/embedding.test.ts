import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  embed,
  encodeGo,
  field,
  fieldTable,
  int64,
  ptr,
  string,
  struct,
} from '../../../../src/engine-api/go-json/index.js'
import {
  CreateRequest,
  HostConfig,
  Resources,
  UpdateConfig,
} from '../../../../src/engine-api/moby-types/index.js'
import { dec, obj, val } from './helpers.js'

const names = (t: Parameters<typeof fieldTable>[0]) => fieldTable(t).fields.map((f) => f.name)

describe('go-json embedded structs: promotion and Go’s dominance rules', () => {
  it('promotes the fields of an embedded struct at its position, by value or by pointer', () => {
    const Inner = struct('Inner', [field('B', string), field('C', string)])
    const ByValue = struct('V', [field('A', string), embed(Inner), field('D', string)])
    const ByPtr = struct('P', [field('A', string), embed(ptr(Inner)), field('D', string)])
    assert.deepEqual(names(ByValue), ['A', 'B', 'C', 'D'])
    assert.deepEqual(names(ByPtr), ['A', 'B', 'C', 'D'])
    const v = val(ByPtr, '{"D":"d","c":"c","A":"a"}')
    assert.deepEqual(v, obj({ D: 'd', C: 'c', A: 'a' }))
    assert.equal(encodeGo(ByPtr, v as never), '{"A":"a","C":"c","D":"d"}')
  })

  it('lets a shallower field hide a deeper one', () => {
    const Inner = struct('Inner', [field('X', string), field('Y', string)])
    const Outer = struct('Outer', [embed(Inner), field('X', int64)])
    const table = fieldTable(Outer)
    assert.deepEqual(names(Outer), ['Y', 'X'])
    assert.deepEqual(table.exact.get('X')?.index, [1])
    assert.deepEqual(val(Outer, '{"X":5}'), obj({ X: 5n }))
  })

  it('drops names that conflict at the same depth unless exactly one is tagged', () => {
    const A = struct('A', [field('X', string, { tagged: false }), field('T', string, { tagged: true })])
    const B = struct('B', [field('X', string, { tagged: false }), field('T', string, { tagged: false })])
    const C = struct('C', [field('T', int64, { tagged: true })])
    const Untagged = struct('U', [embed(A), embed(B)])
    assert.deepEqual(names(Untagged), ['T'])
    assert.equal(fieldTable(Untagged).exact.get('T')?.type, string)
    const { value, unknown } = dec(Untagged, '{"X":"x","T":"t"}')
    assert.deepEqual(value, obj({ T: 't' }))
    assert.deepEqual(unknown, ['X'])
    assert.deepEqual(names(struct('BothTagged', [embed(A), embed(C)])), ['X'])
  })

  it('resolves a deeper conflict in favour of the shallower field', () => {
    const Deep = struct('Deep', [field('X', string)])
    const Mid = struct('Mid', [embed(Deep)])
    const Side = struct('Side', [field('X', int64)])
    const Outer = struct('Outer', [embed(Mid), embed(Side)])
    assert.deepEqual(fieldTable(Outer).exact.get('X')?.index, [1, 0])
  })

  it('drops the fields of a struct type embedded twice at one depth', () => {
    const Shared = struct('Shared', [field('Y', string)])
    const A = struct('A', [embed(Shared)])
    const B = struct('B', [embed(Shared)])
    assert.deepEqual(names(struct('Twice', [embed(A), embed(B)])), [])
    assert.deepEqual(names(struct('Shallow', [embed(A), embed(B), field('Y', int64)])), ['Y'])
  })

  it('explores a struct type once, at its shallowest depth', () => {
    const C = struct('C', [field('Z', string)])
    const A = struct('A', [embed(C)])
    const Outer = struct('Outer', [embed(A), embed(C)])
    assert.deepEqual(
      fieldTable(Outer).fields.map((f) => [f.name, f.index]),
      [['Z', [1, 0]]],
    )
  })

  it('matches the first folded name in Go order across promoted fields', () => {
    const Inner = struct('Inner', [field('AB', string)])
    const Outer = struct('Outer', [field('ab', string), embed(Inner)])
    assert.deepEqual(val(Outer, '{"Ab":"x"}'), obj({ ab: 'x' }))
    assert.deepEqual(val(Outer, '{"AB":"x"}'), obj({ AB: 'x' }))
  })

  it('flattens moby’s Resources into HostConfig and UpdateConfig', () => {
    const resources = names(Resources)
    assert.deepEqual(names(UpdateConfig), [...resources, 'RestartPolicy'])
    const host = names(HostConfig)
    const at = host.indexOf('Isolation') + 1
    assert.deepEqual(host.slice(at, at + resources.length), resources)
    assert.deepEqual(names(CreateRequest).slice(-2), ['HostConfig', 'NetworkingConfig'])
    const v = val(HostConfig, '{"Mounts":[],"Memory":1,"Isolation":"default"}')
    assert.equal(encodeGo(HostConfig, v as never), '{"Isolation":"default","Memory":1,"Mounts":[]}')
  })
})
