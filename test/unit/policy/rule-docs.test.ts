import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { renderRuleDocs, renderRuleMarkdown, renderRulesIndex } from '../../../src/policy/rule-docs.js'
import { RULES } from '../../../src/policy/rules/index.js'

const DOCS = fileURLToPath(new URL('../../../../docs/rules/', import.meta.url))

describe('rule docs', () => {
  it('are current: docs/rules matches what `airlock rules docs` generates (run `npm run docs`)', () => {
    const expected = renderRuleDocs(RULES)
    const onDisk = readdirSync(DOCS).filter((f) => f.endsWith('.md'))
    assert.deepEqual(onDisk.sort(), [...expected.keys()].sort(), 'docs/rules has missing or stale files')
    for (const [name, content] of expected) {
      assert.equal(readFileSync(`${DOCS}${name}`, 'utf8'), content, `docs/rules/${name} is out of date`)
    }
  })

  it('render every section of a rule page, with a failing and a passing example', () => {
    const rule = RULES.find((r) => r.slug === 'no-runtime-socket-mount')
    assert.ok(rule)
    const md = renderRuleMarkdown(rule)
    for (const part of [
      '# AL-0011 no-runtime-socket-mount',
      '| Severity | critical |',
      '## Why it matters',
      '## How to fix',
      '**5.32**',
      'Fails:',
      'Passes:',
    ]) {
      assert.ok(md.includes(part), `missing ${part}`)
    }
    assert.match(md, /`mounts\.0\.source`: bind mount of host \/var\/run\/docker\.sock/)
  })

  it('render action rules with the kinds they apply to', () => {
    const rule = RULES.find((r) => r.id === 'AL-0034')
    assert.ok(rule)
    assert.match(renderRuleMarkdown(rule), /actions: `exec\.create`/)
  })

  it('render daemon rules with JSON postures and the findings of the check on them', () => {
    const rule = RULES.find((r) => r.id === 'AL-0204')
    assert.ok(rule)
    const md = renderRuleMarkdown(rule)
    assert.match(md, /\| Applies to \| the daemon's posture \(live-host scans\) \|/)
    assert.match(
      md,
      /CIS Docker Benchmark v1\.6\.0, sections 2 and 3: \*\*2\.7\*\* Ensure TLS authentication/,
    )
    assert.match(md, /```json\n\{\n {2}"listeners": \[/)
    assert.match(md, /- `listeners\.0`: the API listens on tcp:\/\/0\.0\.0\.0:2375 without TLS/)
    const files = renderRuleMarkdown(RULES.find((r) => r.id === 'AL-0205') as (typeof RULES)[number])
    assert.match(files, /`\/var\/run\/docker\.sock` 438 = 0666/)
  })

  it('index links every rule page and lists uncovered controls with their reason', () => {
    const index = renderRulesIndex(RULES)
    for (const r of RULES) assert.ok(index.includes(`(${r.id}-${r.slug}.md)`), `${r.id} not linked`)
    assert.match(index, /\| 5\.19 \|.*not automated:/)
    assert.match(index, /\| 2\.7 \|.*\[AL-0204 daemon-tcp-tls\]\(AL-0204-daemon-tcp-tls\.md\)/)
    assert.match(index, /\| baseline\/host-process \|.*no Docker equivalent:/)
  })
})
