import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { any, field, int64, slice, string, struct } from '../../../../src/engine-api/go-json/index.js'
import { CreateRequest } from '../../../../src/engine-api/moby-types/index.js'
import { dec, rejects, val } from './helpers.js'

describe('go-json scanner: the grammar of Go encoding/json', () => {
  const valid = [
    '0',
    '-0',
    '1.5e+3',
    '1E-2',
    '-12.5e10',
    ' \t\r\n 1 \t\r\n ',
    '[]',
    '{}',
    '[1,[2,{}],{"a":[]}]',
    '"\\u00e9\\/\\b\\f\\n\\r\\t\\"\\\\"',
    '"\\ud83d\\ude00"',
    '"\u007f\u2028\u2029"',
    'true',
    'false',
    'null',
    '{"":0}',
  ]
  for (const text of valid) {
    it(`accepts ${JSON.stringify(text)} as JSON.parse does`, () => {
      const { value } = dec(any, text)
      assert.deepEqual(JSON.stringify(toPlain(value)), JSON.stringify(JSON.parse(text)))
    })
  }

  const invalid = [
    '',
    '   ',
    '01',
    '-',
    '-a',
    '1.',
    '.5',
    '+1',
    '1e',
    '1e+',
    '0x10',
    'NaN',
    'Infinity',
    '-Infinity',
    '[1,]',
    '{"a":1,}',
    '[,1]',
    '{,}',
    '{"a" 1}',
    '{"a":}',
    '{a:1}',
    "'a'",
    '"\\x"',
    '"\\u12"',
    '"\\u12G4"',
    '"\\U0041"',
    '"a\u0001"',
    '"\t"',
    '"\n"',
    'tru',
    'nul',
    'truex',
    'nulll',
    '[1 2]',
    '{"a":1 "b":2}',
    '"abc',
    '[',
    '{"a":1',
    '{"a"',
    '\f{}',
    '\v{}',
    '\u00a0{}',
    '{}\u00a0',
  ]
  for (const text of invalid) {
    it(`refuses ${JSON.stringify(text)} as a syntax error`, () => {
      assert.throws(() => JSON.parse(text))
      rejects(any, text, 'syntax')
    })
  }

  it('refuses anything after the value, including what dockerd 20.10 would have ignored', () => {
    for (const text of ['1 2', '{}x', '{}}', '{}]', '[]{}', '{} {}', '"a""b"']) rejects(any, text, 'syntax')
    rejects(CreateRequest, '{"Image":"x"}\n{"Image":"y"}', 'syntax')
  })

  it('refuses a byte order mark, as Go does', () => {
    rejects(any, '\ufeff{}', 'syntax')
    rejects(any, Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), 'syntax')
  })

  it('refuses invalid UTF-8 anywhere, even where Go would substitute U+FFFD', () => {
    const cases = [
      [0x22, 0xff, 0x22],
      [0x22, 0xc0, 0x80, 0x22],
      [0x22, 0xed, 0xa0, 0x80, 0x22],
      [0x22, 0xe2, 0x82, 0x22],
      [0x22, 0xf4, 0x90, 0x80, 0x80, 0x22],
      [0x7b, 0x7d, 0x80],
    ]
    for (const bytes of cases) rejects(any, Buffer.from(bytes), 'encoding')
    assert.equal(val(string, '"\u00e9\u{1f600}"'), '\u00e9\u{1f600}')
  })

  it('combines surrogate pairs and refuses lone surrogate escapes', () => {
    assert.equal(val(string, '"\\ud83d\\ude00"'), '\u{1f600}')
    assert.equal(val(string, '"\\uD83D\\uDE00x"'), '\u{1f600}x')
    for (const text of [
      '"\\ud800"',
      '"\\udc00"',
      '"\\ud800\\u0041"',
      '"\\ud800x"',
      '"\\udc00\\ud800"',
      '"\\ud800\\ud800"',
    ]) {
      rejects(string, text, 'encoding')
      rejects(any, text, 'encoding')
    }
    rejects(struct('T', [field('A', string)]), '{"\\ud800":1}', 'encoding')
  })

  it('decodes long strings with many escapes exactly', () => {
    const text = JSON.stringify(`a\u00e9\n"\\\u{1f600}\u0001/`.repeat(5000))
    assert.equal(val(string, text), JSON.parse(text))
    assert.equal(val(string, text.replace(/\//g, '\\/')), JSON.parse(text))
  })

  it('checks the syntax of skipped values but not their surrogates', () => {
    const { value, unknown } = dec(CreateRequest, '{"Bogus":"\\ud800","Image":"x"}')
    assert.deepEqual(unknown, ['Bogus'])
    assert.equal((value as { Image: string }).Image, 'x')
    rejects(CreateRequest, '{"Bogus":[1,],"Image":"x"}', 'syntax')
    rejects(CreateRequest, '{"Bogus":"\\q"}', 'syntax')
  })

  it('allows nesting up to 512 levels and refuses deeper bodies, skipped parts included', () => {
    const nest = (n: number) => '['.repeat(n) + ']'.repeat(n)
    dec(any, nest(512))
    rejects(any, nest(513), 'depth')
    rejects(CreateRequest, `{"Bogus":${nest(512)}}`, 'depth')
    dec(CreateRequest, `{"Bogus":${nest(511)}}`)
    rejects(any, '['.repeat(100000), 'depth')
  })

  it('reports syntax errors before type errors, as Go validates the whole body first', () => {
    rejects(struct('T', [field('A', int64)]), '{"A":"x","B":}', 'syntax')
    rejects(struct('T', [field('A', int64)]), '{"A":"x"} x', 'syntax')
    rejects(struct('T', [field('A', int64)]), '{"A":"x","B":1}', 'type', ['A'])
    rejects(slice(int64), '[1,"x",[1,]]', 'syntax')
  })

  it('names the offset and the container of a syntax error', () => {
    const err = rejects(CreateRequest, '{"HostConfig":{"Binds":["a" "b"]}}', 'syntax', [
      'HostConfig',
      'Binds',
    ])
    assert.match(err.message, /^HostConfig\.Binds: invalid character '"' after array element \(offset 28\)$/)
    assert.equal(err.offset, 28)
  })
})

function toPlain(v: unknown): unknown {
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, toPlain(x)]))
  if (Array.isArray(v)) return v.map(toPlain)
  return v
}
