import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { any, field, foldKey, map, string, struct } from '../../../../src/engine-api/go-json/index.js'
import { CreateRequest, HostConfig } from '../../../../src/engine-api/moby-types/index.js'
import { dec, obj, val } from './helpers.js'

describe('go-json field matching: Go case folding', () => {
  it('folds ASCII letters and the four runes that fold onto ASCII letters in some Go release', () => {
    assert.equal(foldKey('privileged'), 'PRIVILEGED')
    assert.equal(foldKey('Read_only-1'), 'READ_ONLY-1')
    assert.equal(foldKey('\u017f'), 'S')
    assert.equal(foldKey('\u212a'), 'K')
    assert.equal(foldKey('\u0131'), 'I')
    assert.equal(foldKey('\u0130'), 'I')
    for (const other of ['\u00e9', '\u00df', '\ufb00', '\uff30', '\u212b', '\u0345', 'a\u200b']) {
      assert.equal(foldKey(other), undefined, other)
    }
  })

  const spellings = [
    'Privileged',
    'privileged',
    'PRIVILEGED',
    'pRiViLeGeD',
    'pr\u0131v\u0131leged',
    'PR\u0130V\u0130LEGED',
    'Pr\\u0069vileged',
    '\\u0050rivileged',
  ]
  for (const key of spellings) {
    it(`matches HostConfig.Privileged spelled ${JSON.stringify(key)}`, () => {
      const { value, unknown } = dec(HostConfig, `{"${key}":true}`)
      assert.deepEqual(value, obj({ Privileged: true }))
      assert.deepEqual(unknown, [])
    })
  }

  it('matches U+017F long s for s and U+212A Kelvin sign for k', () => {
    assert.deepEqual(val(HostConfig, '{"\u017fhm\u017fize":1}'), obj({ ShmSize: 1n }))
    assert.deepEqual(val(HostConfig, '{"lin\u212as":["a"]}'), obj({ Links: ['a'] }))
    assert.deepEqual(val(HostConfig, '{"\u212aernelMemory":5}'), obj({ KernelMemory: 5n }))
    assert.deepEqual(val(HostConfig, '{"\\u017fecurityopt":["x"]}'), obj({ SecurityOpt: ['x'] }))
  })

  it('matches promoted fields of embedded structs case-insensitively', () => {
    assert.deepEqual(
      val(HostConfig, '{"memory":1,"CPUSHARES":2,"nanocpus":3}'),
      obj({ CpuShares: 2n, Memory: 1n, NanoCpus: 3n }),
    )
    assert.deepEqual(
      val(CreateRequest, '{"image":"x","hostconfig":{}}'),
      obj({ Image: 'x', HostConfig: obj({}) }),
    )
  })

  it('does not match other look-alikes, underscores or dashes', () => {
    const keys = [
      'Privil\u00e9ged',
      'Privileged\u200b',
      '\uff30rivileged',
      'Privileged ',
      'privi_leged',
      'privi-leged',
      'pr\u00efvileged',
    ]
    for (const key of keys) {
      const { value, unknown } = dec(HostConfig, `{${JSON.stringify(key)}:true}`)
      assert.deepEqual(value, obj({}))
      assert.equal(unknown.length, 1, key)
    }
  })

  it('prefers an exact match, then the first field in Go order', () => {
    const T = struct('T', [field('name', string), field('Name', string), field('NAME2', string)])
    assert.deepEqual(val(T, '{"Name":"a"}'), obj({ Name: 'a' }))
    assert.deepEqual(val(T, '{"name":"a"}'), obj({ name: 'a' }))
    assert.deepEqual(val(T, '{"NAME":"a"}'), obj({ name: 'a' }))
    assert.deepEqual(val(T, '{"nAmE2":"a"}'), obj({ NAME2: 'a' }))
  })

  it('never folds map keys or interface{} object keys', () => {
    assert.deepEqual(
      val(map(string), '{"a":"1","A":"2"}'),
      new Map([
        ['a', '1'],
        ['A', '2'],
      ]),
    )
    assert.deepEqual(
      val(any, '{"Image":1,"image":2}'),
      new Map([
        ['Image', 1],
        ['image', 2],
      ]),
    )
  })
})
