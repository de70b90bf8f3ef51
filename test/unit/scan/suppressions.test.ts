import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { ScanFinding } from '../../../src/report/scan-report.js'
import { resolveRuleRef } from '../../../src/scan/scan-policy.js'
import {
  applySuppressions,
  parseAirlockignore,
  parseInlineSuppressions,
  patternMatches,
  suppressedLines,
} from '../../../src/scan/suppressions.js'

const NOW = new Date('2027-01-31T18:00:00Z')

function finding(over: Partial<ScanFinding>): ScanFinding {
  return {
    ruleId: 'AL-0001',
    slug: 'no-privileged',
    title: 't',
    severity: 'critical',
    result: 'fail',
    message: 'privileged is true',
    file: 'c.yaml',
    line: 3,
    column: 5,
    ...over,
  }
}

describe('inline suppressions', () => {
  it('reads rules by id, slug and list, reason in double or single quotes, until', () => {
    const text = [
      'a: 1 # airlock:ignore AL-0001 reason="lab only" until=2027-01-31',
      "# airlock:ignore no-host-pid,AL-0003 reason='shared pid for profiling'",
      'b: 2',
    ].join('\n')
    const p = parseInlineSuppressions(text, 'c.yaml', resolveRuleRef, NOW)
    assert.deepEqual(p.problems, [])
    assert.deepEqual(
      p.entries.map((e) => [e.rules, e.reason, e.until, e.line, e.column]),
      [
        [['AL-0001'], 'lab only', '2027-01-31', 1, 6],
        [['AL-0003'], 'shared pid for profiling', undefined, 2, 1],
      ],
    )
  })

  it('works through the whole `until` day (UTC) and expires after it', () => {
    const text = '# airlock:ignore AL-0001 reason="x" until=2027-01-31\n'
    assert.equal(parseInlineSuppressions(text, 'f', resolveRuleRef, NOW).entries.length, 1)
    const later = parseInlineSuppressions(text, 'f', resolveRuleRef, new Date('2027-02-01T00:00:00Z'))
    assert.equal(later.entries.length, 0)
    assert.equal(later.problems[0]?.ruleId, 'scan/expired-suppression')
    assert.equal(later.problems[0]?.result, 'warn')
    assert.match(later.problems[0]?.message ?? '', /AL-0001 expired on 2027-01-31 \(reason: x\)/)
  })

  const refusals: [string, RegExp][] = [
    ['# airlock:ignore AL-0001', /needs reason=/],
    ['# airlock:ignore AL-0001 reason=""', /needs reason=/],
    ['# airlock:ignore AL-0001 reason=', /needs reason=/],
    ['# airlock:ignore reason="no rule"', /name the rule/],
    ['# airlock:ignore AL-9999 reason="x"', /unknown rule "AL-9999"/],
    ['# airlock:ignore AL-0001 reason="x" until=2027-02-30', /not a date/],
    ['# airlock:ignore AL-0001 reason="x" until=tomorrow', /not a date/],
    ['# airlock:ignore AL-0001 because="x"', /unknown field "because=x"/],
  ]
  for (const [line, why] of refusals) {
    it(`refuses ${line}`, () => {
      const p = parseInlineSuppressions(`${line}\nx: 1\n`, 'f.yaml', resolveRuleRef, NOW)
      assert.equal(p.entries.length, 0)
      assert.equal(p.problems[0]?.ruleId, 'scan/invalid-suppression')
      assert.equal(p.problems[0]?.result, 'error')
      assert.equal(p.problems[0]?.line, 1)
      assert.match(p.problems[0]?.message ?? '', why)
    })
  }

  it('does not read a directive inside a value or a URL fragment', () => {
    const p = parseInlineSuppressions(
      'url: http://x/#airlock:ignore AL-0001 reason="x"\n',
      'f',
      resolveRuleRef,
      NOW,
    )
    assert.equal(p.entries.length, 0)
  })

  it('reaches its own line, and the first line after its comment block', () => {
    const lines = ['# airlock:ignore A', '# more comment', 'privileged: true', 'x: 1 # airlock:ignore B']
    assert.deepEqual(suppressedLines(lines, 1), [1, 3])
    assert.deepEqual(suppressedLines(lines, 4), [4])
  })
})

describe('.airlockignore', () => {
  const text = [
    '# comment',
    'vendor/',
    'third_party/** reason="not ours"',
    'AL-0005 deploy/*.yaml reason="host names for the agent" until=2027-12-31',
    'no-privileged,AL-0003 docker://monitor-* reason="monitoring"',
    'AL-0002 reason="no pattern"',
    'vendor/ some words',
    'AL-0001 legacy/** until=2027-12-31',
  ].join('\n')
  const p = parseAirlockignore(text, '.airlockignore', resolveRuleRef, NOW)

  it('separates path exclusions from rule suppressions', () => {
    assert.deepEqual(p.pathPatterns, ['vendor/', 'third_party/**'])
    assert.deepEqual(
      p.entries.map((e) => [e.rules, e.pattern, e.line]),
      [
        [['AL-0005'], 'deploy/*.yaml', 4],
        [['AL-0001', 'AL-0003'], 'docker://monitor-*', 5],
      ],
    )
  })

  it('refuses entries without a pattern, with stray words, or without a reason', () => {
    assert.deepEqual(
      p.problems.map((f) => [f.line, f.message.replace(/:.*/, '')]),
      [
        [6, 'suppression of AL-0002 refused'],
        [7, 'line not understood'],
        [8, 'suppression of AL-0001 for legacy/** refused'],
      ],
    )
  })

  it('matches patterns with gitignore semantics for files and globs for live objects', () => {
    assert.equal(patternMatches('deploy/*.yaml', 'deploy/a.yaml'), true)
    assert.equal(patternMatches('deploy/*.yaml', 'deploy/sub/a.yaml'), false)
    assert.equal(patternMatches('k8s/**', 'k8s/a/b.yaml'), true)
    assert.equal(patternMatches('*.yaml', 'x/y/z.yaml'), true)
    assert.equal(patternMatches('docker://monitor-*', 'docker://monitor-1'), true)
    assert.equal(patternMatches('docker://monitor-*', 'docker://web'), false)
    assert.equal(patternMatches('/etc/docker/daemon.json', '/etc/docker/daemon.json'), true)
  })
})

describe('applySuppressions', () => {
  it('suppresses by line, by workload line and by pattern; never scanner checks; keeps exemptions', () => {
    const lines = ['# airlock:ignore AL-0001 reason="a"', 'web:', '  privileged: true', '  x: 1']
    const entries = parseInlineSuppressions(lines.join('\n'), 'c.yaml', resolveRuleRef, NOW).entries
    const fileEntries = parseAirlockignore(
      'AL-0002 c.yaml reason="b"\n',
      '.airlockignore',
      resolveRuleRef,
      NOW,
    ).entries
    const byWorkload = finding({ line: 4 })
    const byPattern = finding({ ruleId: 'AL-0002', line: 3 })
    const exempt = finding({
      ruleId: 'AL-0002',
      suppression: { kind: 'policy-exemption', reason: 'p', source: 'e' },
    })
    const check = finding({ ruleId: 'scan/parse-error', result: 'error' })
    const other = finding({ ruleId: 'AL-0003', line: 3 })
    const all = [byWorkload, byPattern, exempt, check, other]
    applySuppressions(all, new Map([['c.yaml', { entries, lines }]]), fileEntries, (f) =>
      f === byWorkload ? 2 : undefined,
    )
    assert.equal(byWorkload.suppression?.source, 'c.yaml:1')
    assert.equal(byPattern.suppression?.source, '.airlockignore:1')
    assert.equal(exempt.suppression?.kind, 'policy-exemption')
    assert.equal(check.suppression, undefined)
    assert.equal(other.suppression, undefined)
  })
})
