import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { canonicalJson } from '../../../src/audit/canonical-json.js'

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units at every depth and writes no white space', () => {
    const value = { b: 1, a: { z: [3, { y: true, x: null }], B: 'é' }, '10': 0, '9': 0, é: 1 }
    assert.equal(canonicalJson(value), '{"10":0,"9":0,"a":{"B":"é","z":[3,{"x":null,"y":true}]},"b":1,"é":1}')
  })

  it('writes numbers and strings as JSON.stringify does', () => {
    assert.equal(
      canonicalJson([1e21, 0.1, -0, 5e-7, 'a"\n\u2028', '\ud800']),
      '[1e+21,0.1,0,5e-7,"a\\"\\n\u2028","\\ud800"]',
    )
  })

  it('leaves out undefined properties', () => {
    assert.equal(canonicalJson({ a: undefined, b: 2 }), '{"b":2}')
  })

  it('refuses what JSON cannot represent', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic['self'] = cyclic
    for (const bad of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1n,
      () => 1,
      Symbol('s'),
      new Date(0),
      [undefined],
      cyclic,
    ]) {
      assert.throws(() => canonicalJson(bad), TypeError)
    }
    assert.throws(() => canonicalJson(undefined), TypeError)
  })

  it('accepts a value repeated in siblings (not a cycle)', () => {
    const shared = { a: 1 }
    assert.equal(canonicalJson([shared, shared]), '[{"a":1},{"a":1}]')
  })

  it('is stable under parse and re-serialize, and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v)
        assert.equal(canonicalJson(JSON.parse(text)), text)
        assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(v)))
      }),
    )
  })
})
