import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PolicyError } from '../../../src/errors.js'
import {
  auditVerifyEverySeconds,
  DEFAULT_ALERT_RULES,
  effectiveAlertRules,
} from '../../../src/monitor/alerts/alert-rule.js'
import { DEFAULT_RATE_LIMITS, effectiveRateLimits } from '../../../src/monitor/rate-limit-settings.js'
import { parsePolicy } from '../../../src/policy/load-policy.js'
import { policyJsonSchema } from '../../../src/policy/policy-schema.js'

function failure(text: string): string {
  try {
    parsePolicy(text, 'p.yaml')
  } catch (err) {
    assert.ok(err instanceof PolicyError, `expected PolicyError, got ${err}`)
    return err.message
  }
  assert.fail('expected the policy to be refused')
}

describe('policy file: rateLimits', () => {
  it('defaults apply without the section', () => {
    const p = parsePolicy('profile: baseline\n', 'p.yaml')
    assert.equal(p.rateLimits, undefined)
    assert.equal(effectiveRateLimits(p), DEFAULT_RATE_LIMITS)
    assert.deepEqual(DEFAULT_RATE_LIMITS.classes.create, { perMinute: 300, burst: 100 })
    assert.deepEqual(DEFAULT_RATE_LIMITS.concurrent, { attach: 128, build: 8 })
  })

  it('resolves classes, bursts, unlimited and overrides', () => {
    const p = parsePolicy(
      [
        'rateLimits:',
        '  create: { perMinute: 30 }',
        '  read: { perMinute: unlimited }',
        '  exec: { burst: 5 }',
        '  concurrent: { attach: 4, build: unlimited }',
        '  overrides:',
        '    - name: ci',
        '      users: [ci-bot]',
        '      create: { perMinute: 600, burst: 100 }',
        '      concurrent: { build: 8 }',
      ].join('\n'),
      'p.yaml',
    )
    const r = effectiveRateLimits(p)
    assert.deepEqual(r.classes.create, { perMinute: 30, burst: 10 })
    assert.deepEqual(r.classes.read, { perMinute: null, burst: 1 })
    assert.deepEqual(r.classes.exec, { perMinute: 600, burst: 5 })
    assert.deepEqual(r.concurrent, { attach: 4, build: null })
    assert.deepEqual(r.overrides, [
      {
        id: 'ci',
        users: ['ci-bot'],
        classes: { create: { perMinute: 600, burst: 100 } },
        concurrent: { build: 8 },
      },
    ])
  })

  it('refuses bad values with the line, and unknown keys with a suggestion', () => {
    assert.match(
      failure('rateLimits:\n  create: { perMinute: -1 }\n'),
      /^p\.yaml:2:\d+: rateLimits\.create\.perMinute: a positive whole number, or unlimited/,
    )
    assert.match(
      failure('rateLimits:\n  creates: { perMinute: 1 }\n'),
      /p\.yaml:2:3: .*unknown key "creates" \(did you mean "create"\?\)/,
    )
    assert.match(
      failure('rateLimits:\n  overrides:\n    - create: { perMinute: 5 }\n'),
      /^p\.yaml:3:7: rateLimits\.overrides\.0: an override needs users, groups or roles/,
    )
  })
})

describe('policy file: alerts', () => {
  it('defaults: every kind, to the log only; an empty list turns alerts off', () => {
    const p = parsePolicy('', 'p.yaml')
    assert.equal(effectiveAlertRules(p), DEFAULT_ALERT_RULES)
    assert.ok(DEFAULT_ALERT_RULES.every((r) => r.webhooks.length === 0))
    assert.equal(auditVerifyEverySeconds(DEFAULT_ALERT_RULES), 600)
    assert.deepEqual(effectiveAlertRules(parsePolicy('alerts: []\n', 'p.yaml')), [])
    assert.equal(auditVerifyEverySeconds([]), undefined)
  })

  it('resolves rules with their defaults, durations and webhooks', () => {
    const p = parsePolicy(
      [
        'alerts:',
        '  - kind: denial-burst',
        '    threshold: 5',
        '    window: 2m',
        '    severity: critical',
        '    webhooks:',
        '      - https://hooks.example.com/a',
        '      - { url: "http://10.0.0.1:8080/b", maxPerMinute: 5 }',
        '  - kind: denial-burst',
        '    webhooks: [{ url: "https://hooks.example.com/a", maxPerMinute: 10 }]',
        '  - name: chain',
        '    kind: audit-chain',
        '    every: 5m',
        '    dedupe: 0',
        '  - kind: elevated-action',
        '    roles: [admin, ops]',
      ].join('\n'),
      'p.yaml',
    )
    const rules = effectiveAlertRules(p)
    assert.deepEqual(
      rules.map((r) => r.id),
      ['denial-burst', 'denial-burst#2', 'chain', 'elevated-action'],
    )
    const [burst, second, chain, elevated] = rules
    assert.equal(burst?.threshold, 5)
    assert.equal(burst?.windowSeconds, 120)
    assert.equal(burst?.severity, 'critical')
    assert.equal(burst?.dedupeSeconds, 600)
    assert.deepEqual(
      burst?.webhooks,
      [
        { url: 'https://hooks.example.com/a', maxPerMinute: 10 },
        { url: 'http://10.0.0.1:8080/b', maxPerMinute: 5 },
      ],
      'one URL listed twice gets the lowest throttle',
    )
    assert.equal(second?.threshold, 20)
    assert.equal(chain?.everySeconds, 300)
    assert.equal(chain?.dedupeSeconds, 0)
    assert.deepEqual(elevated?.roles, ['admin', 'ops'])
    assert.equal(auditVerifyEverySeconds(rules), 300)
  })

  it('refuses what a kind does not read, bad URLs, unknown kinds and duplicate names', () => {
    assert.match(
      failure('alerts:\n  - kind: grant-created\n    threshold: 3\n'),
      /^p\.yaml:3:16: alerts\.0\.threshold: threshold does not apply to grant-created \(it applies to denial-burst, exec-spread, rate-limited\)/,
    )
    assert.match(
      failure('alerts:\n  - kind: denial-burst\n    webhooks: [file:///etc/passwd]\n'),
      /p\.yaml:3:\d+: alerts\.0\.webhooks\.0: an http:\/\/ or https:\/\/ URL/,
    )
    assert.match(failure('alerts:\n  - kind: denial-bursts\n'), /p\.yaml:2:\d+: alerts\.0\.kind: /)
    assert.match(
      failure('alerts:\n  - kind: denial-burst\n    window: soon\n'),
      /alerts\.0\.window: a duration/,
    )
    assert.match(
      failure('alerts:\n  - { name: x, kind: grant-used }\n  - { name: x, kind: grant-created }\n'),
      /alerts\.1\.name: another alert is already named "x"/,
    )
  })

  it('the JSON Schema describes both sections', () => {
    const props = (policyJsonSchema() as { properties: Record<string, { type?: string }> }).properties
    assert.ok(props['rateLimits'])
    assert.equal(props['alerts']?.type, 'array')
  })
})
