import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { isMap, parseAllDocuments, parseDocument, stringify, type YAMLMap } from 'yaml'
import { renderFlow, renderScalar, type YamlValue } from '../../../src/fix/render-yaml.js'
import { YamlEditor } from '../../../src/fix/yaml-editor.js'
import { indentUnit } from '../../../src/fix/yaml-file.js'

function edit(text: string, at: (string | number)[], fn: (ed: YamlEditor, map: YAMLMap) => void): string {
  const doc = parseDocument(text)
  const map = (at.length ? doc.getIn(at, true) : doc.contents) as YAMLMap
  assert.ok(isMap(map))
  const ed = new YamlEditor(text, indentUnit(text))
  fn(ed, map)
  const out = ed.apply()
  assert.deepEqual(parseDocument(out).errors, [], out)
  return out
}

describe('YamlEditor', () => {
  it('adds keys after the last key of a block mapping, at its indentation, before what follows', () => {
    const text = 'a:\n  b: 1\n  c:\n    d: 2 # deep\n# about e\ne: 3\n'
    const out = edit(text, ['a'], (ed, m) => {
      ed.set(m, ['x'], true)
      ed.set(m, ['c', 'k'], 'z')
    })
    assert.equal(out, 'a:\n  b: 1\n  c:\n    d: 2 # deep\n    k: z\n  x: true\n# about e\ne: 3\n')
  })

  it('replaces a value in place, keeping a comment after it', () => {
    assert.equal(
      edit('read_only: false # was off\nx: 1\n', [], (ed, m) => ed.set(m, ['read_only'], true)),
      'read_only: true # was off\nx: 1\n',
    )
  })

  it('creates a missing mapping once for several keys below it', () => {
    const out = edit('c:\n  name: a\n', ['c'], (ed, m) => {
      ed.set(m, ['securityContext', 'allowPrivilegeEscalation'], false)
      ed.set(m, ['securityContext', 'capabilities', 'drop'], ['ALL'])
      ed.append(m, ['securityContext', 'capabilities', 'add'], ['NET_BIND_SERVICE'])
    })
    assert.equal(
      out,
      'c:\n  name: a\n  securityContext:\n    allowPrivilegeEscalation: false\n    capabilities:\n      drop: [ALL]\n      add: [NET_BIND_SERVICE]\n',
    )
  })

  it('fills a key that has no value', () => {
    assert.equal(
      edit('securityContext:\nimage: x\n', [], (ed, m) =>
        ed.set(m, ['securityContext', 'runAsNonRoot'], true),
      ),
      'securityContext:\n  runAsNonRoot: true\nimage: x\n',
    )
  })

  it('edits flow mappings in flow style', () => {
    assert.equal(
      edit('c: {name: a, sc: {privileged: false}}\n', ['c'], (ed, m) => {
        ed.set(m, ['sc', 'runAsNonRoot'], true)
        ed.set(m, ['resources', 'limits', 'cpu'], '1')
      }),
      'c: {name: a, sc: {privileged: false, runAsNonRoot: true}, resources: {limits: {cpu: "1"}}}\n',
    )
  })

  it('appends to block lists (indented or not), flow lists, empty lists, scalars and missing keys', () => {
    const text = 'a:\n  - x\nb:\n- name: y\n  v: 1\nc: [p]\nd: []\ne: /run\n'
    const out = edit(text, [], (ed, m) => {
      ed.append(m, ['a'], ['z'])
      ed.append(m, ['b'], [{ name: 'w', v: 2 }])
      ed.append(m, ['c'], ['q'])
      ed.append(m, ['d'], ['r'])
      ed.append(m, ['e'], ['/tmp'])
      ed.append(m, ['f'], ['s'])
    })
    assert.equal(
      out,
      'a:\n  - x\n  - z\nb:\n- name: y\n  v: 1\n- name: w\n  v: 2\nc: [p, q]\nd: [r]\ne: [/run, /tmp]\nf: [s]\n',
    )
  })

  it('removes list items, keeping the others as written, and leaves [] when none is left', () => {
    const text = 'opts:\n  - keep # me\n  - "drop:1"\n  - other\nflow: [drop:2, k]\nall:\n  - drop:3\nz: 1\n'
    const out = edit(text, [], (ed, m) => {
      ed.remove(m, ['opts'], (v) => String(v).startsWith('drop'))
      ed.append(m, ['opts'], ['added'])
      ed.remove(m, ['flow'], (v) => String(v).startsWith('drop'))
      ed.remove(m, ['all'], (v) => String(v).startsWith('drop'))
    })
    assert.equal(out, 'opts:\n  - keep # me\n  - other\n  - added\nflow: [k]\nall: []\nz: 1\n')
  })

  it('keeps CRLF line endings and handles a last line without a newline', () => {
    assert.equal(
      edit('a:\r\n  b: 1\r\n', ['a'], (ed, m) => ed.set(m, ['c', 'd'], 2)),
      'a:\r\n  b: 1\r\n  c:\r\n    d: 2\r\n',
    )
    assert.equal(
      edit('a: 1', [], (ed, m) => ed.set(m, ['b'], 2)),
      'a: 1\nb: 2\n',
    )
  })

  it('edits one document of several and leaves the others byte for byte', () => {
    const text = '# one\nkind: A\n---\nkind: B # two\nspec:\n    x: 1\n'
    const [, second] = parseAllDocuments(text) as ReturnType<typeof parseDocument>[]
    const spec = second?.get('spec', true) as YAMLMap
    const ed = new YamlEditor(text, indentUnit(text))
    ed.set(spec, ['k', 'z'], 'w')
    assert.equal(ed.apply(), '# one\nkind: A\n---\nkind: B # two\nspec:\n    x: 1\n    k:\n        z: w\n')
  })

  it('changes nothing when nothing is recorded', () => {
    const ed = new YamlEditor('a: 1\n', 2)
    assert.equal(ed.changed, false)
    assert.equal(ed.apply(), 'a: 1\n')
  })

  it('writes scalars that read back as the same string in YAML 1.1 and 1.2', () => {
    for (const s of [
      'ALL',
      'no',
      'on',
      'Y',
      '0',
      '1.5',
      '512m',
      '0755',
      'no-new-privileges:true',
      '-x',
      'a b',
      '',
      '~',
    ]) {
      const text = renderScalar(s)
      assert.equal(parseDocument(`v: ${text}`, { version: '1.1' }).get('v'), s, text)
      assert.equal(parseDocument(`v: ${text}`).get('v'), s, text)
    }
    assert.equal(
      renderFlow({ type: 'RuntimeDefault', v: [1, true, null] }),
      '{type: RuntimeDefault, v: [1, true, null]}',
    )
  })

  it('agrees with the YAML library on random documents and edits (property)', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'sc', 'limits', 'drop', 'x-y', 'name')
    const scalar = fc.oneof(
      fc.constantFrom('ALL', '512m', 'on', 'a b', '1'),
      fc.integer({ min: -5, max: 5 }),
      fc.boolean(),
    )
    const tree: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
      node: fc.dictionary(
        key,
        fc.oneof({ depthSize: 'small' }, scalar, fc.array(scalar, { maxLength: 3 }), tie('node')),
        {
          minKeys: 1,
          maxKeys: 4,
        },
      ),
    })).node as fc.Arbitrary<Record<string, unknown>>
    const op = fc.record({
      kind: fc.constantFrom('set', 'append'),
      path: fc.array(key, { minLength: 1, maxLength: 3 }),
      value: scalar,
    })
    fc.assert(
      fc.property(tree, fc.array(op, { maxLength: 5 }), fc.constantFrom(2, 4), (obj, ops, indent) => {
        const text = stringify(obj, { indent })
        const doc = parseDocument(text)
        const ed = new YamlEditor(text, indentUnit(text))
        const expected = structuredClone(obj) as Record<string, unknown>
        for (const o of ops) {
          // Only edits whose path runs through mappings (or ends where nothing is) are meaningful.
          let cur: unknown = expected
          let ok = true
          for (const k of o.path.slice(0, -1)) {
            const next = (cur as Record<string, unknown>)[k]
            if (next === undefined) break
            if (next === null || typeof next !== 'object' || Array.isArray(next)) ok = false
            cur = next
          }
          const last = o.path.at(-1) as string
          const parentAt = (p: string[]) =>
            p.reduce<unknown>((c, k) => (c as Record<string, unknown>)?.[k], expected)
          const existing = parentAt(o.path)
          if (!ok || (o.kind === 'append' && existing !== undefined && !Array.isArray(existing))) continue
          if (o.kind === 'set' && existing !== null && typeof existing === 'object') continue
          let target = expected
          for (const k of o.path.slice(0, -1)) {
            target[k] ??= {}
            target = target[k] as Record<string, unknown>
          }
          if (o.kind === 'set') {
            target[last] = o.value
            ed.set(doc.contents as YAMLMap, o.path, o.value as YamlValue)
          } else {
            target[last] = [...((target[last] as unknown[]) ?? []), o.value]
            ed.append(doc.contents as YAMLMap, o.path, [o.value as YamlValue])
          }
        }
        const out = ed.apply()
        const back = parseDocument(out)
        assert.deepEqual(back.errors, [], out)
        assert.deepEqual(back.toJS(), expected, `${text}\n=>\n${out}`)
      }),
      { numRuns: 300 },
    )
  })
})
