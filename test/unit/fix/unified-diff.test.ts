import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import fc from 'fast-check'
import { unifiedDiff } from '../../../src/fix/unified-diff.js'
import { tempDir } from '../../helpers/temp-dir.js'

/** Applies a unified diff made for `before` (texts that end with a newline), as patch(1) would. */
function applyDiff(before: string, diff: string): string {
  if (diff === '') return before
  const lines = before === '' ? [] : before.replace(/\n$/, '').split('\n')
  const out: string[] = []
  let at = 0
  for (const line of diff.split('\n').slice(2, -1)) {
    const h = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(line)
    if (h) {
      const start = Number(h[1]) - (h[2] === '0' ? 0 : 1)
      while (at < start) out.push(lines[at++] as string)
    } else if (line.startsWith('+')) out.push(line.slice(1))
    else {
      assert.equal(lines[at], line.slice(1), 'context and removed lines match the old text')
      if (line.startsWith(' ')) out.push(lines[at] as string)
      at++
    }
  }
  while (at < lines.length) out.push(lines[at++] as string)
  return out.length ? `${out.join('\n')}\n` : ''
}

describe('unifiedDiff', () => {
  it('is empty for equal texts and a classic hunk otherwise', () => {
    assert.equal(unifiedDiff('f', 'a\n', 'a\n'), '')
    assert.equal(
      unifiedDiff('c.yaml', 'a\nb\n', 'a\nc\n'),
      '--- a/c.yaml\n+++ b/c.yaml\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n',
    )
  })

  it('agrees with diff -u line for line', () => {
    // diff(1) is a test dependency (scripts/install-test-deps.sh): what it prints is the reference.
    assert.equal(spawnSync('diff', ['--version']).error, undefined, 'diff(1) is not installed')
    const work = tempDir('diff')
    after(() => work.remove())
    const cases: [string, string][] = [
      [
        '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n',
        '1\n2\nX\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n14\n15\nY\n',
      ],
      ['', 'new\n'],
      ['old\n', ''],
      ['a\nb', 'a\nb\nc\n'],
      ['a\nb', 'a\nc'],
      ['x\n'.repeat(20), `${'x\n'.repeat(10)}y\n${'x\n'.repeat(10)}`],
    ]
    for (const [a, b] of cases) {
      writeFileSync(join(work.path, 'a'), a)
      writeFileSync(join(work.path, 'b'), b)
      const ref = spawnSync('diff', ['-u', 'a', 'b'], { cwd: work.path, encoding: 'utf8' }).stdout
      const body = (d: string) => d.split('\n').slice(2).join('\n')
      assert.equal(body(unifiedDiff('f', a, b)), body(ref), JSON.stringify([a, b]))
    }
  })

  it('turns the old text into the new one when applied (property)', () => {
    const text = fc
      .array(fc.constantFrom('a', 'b', 'c', '  d: 1', '# e', ''), { maxLength: 30 })
      .map((l) => (l.length ? `${l.join('\n')}\n` : ''))
    fc.assert(
      fc.property(text, text, (a, b) => {
        const d = unifiedDiff('f', a, b)
        assert.equal(applyDiff(a, d), b, d)
        if (a !== b) assert.match(d, /^--- a\/f\n\+\+\+ b\/f\n@@ /)
      }),
      { numRuns: 500 },
    )
  })
})
