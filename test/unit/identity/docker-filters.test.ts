import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decodeFilters, encodeFilters, withFilter } from '../../../src/identity/docker-filters.js'

const asObj = (m: Map<string, Set<string>>) => Object.fromEntries([...m].map(([k, v]) => [k, [...v].sort()]))

describe('filters as dockerd reads them', () => {
  it('reads the current map form (booleans ignored) and the legacy list form', () => {
    assert.deepEqual(asObj(decodeFilters('{"label":{"a=b":true,"c":false},"status":{"running":true}}')), {
      label: ['a=b', 'c'],
      status: ['running'],
    })
    assert.deepEqual(asObj(decodeFilters('{"name":["web","db"]}')), { name: ['db', 'web'] })
    assert.deepEqual(asObj(decodeFilters('')), {})
    assert.deepEqual(asObj(decodeFilters('null')), {})
    assert.deepEqual(asObj(decodeFilters('{}')), {})
  })
  it('refuses what neither form reads, as dockerd does', () => {
    for (const bad of [
      '{"label":{"a":true},"name":["x"]}',
      '[1]',
      '{"label":"a"}',
      'garbage',
      '{"label":{"a":1}}',
    ]) {
      assert.throws(() => decodeFilters(bad), /invalid filter/, bad)
    }
  })
  it('adds the owner label to what the client asked for; never widens it', () => {
    assert.equal(
      withFilter('{"status":["running"],"label":["app=web"]}', 'label', 'airlock.owner=alice'),
      '{"label":{"airlock.owner=alice":true,"app=web":true},"status":{"running":true}}',
    )
    assert.equal(withFilter('', 'label', 'airlock.owner=alice'), '{"label":{"airlock.owner=alice":true}}')
    assert.equal(
      withFilter('{"label":{"airlock.owner=bob":true}}', 'label', 'airlock.owner=alice'),
      '{"label":{"airlock.owner=alice":true,"airlock.owner=bob":true}}',
    )
    assert.equal(
      encodeFilters(
        new Map([
          ['b', new Set(['2', '1'])],
          ['a', new Set(['x'])],
        ]),
      ),
      '{"a":{"x":true},"b":{"1":true,"2":true}}',
    )
  })
})
