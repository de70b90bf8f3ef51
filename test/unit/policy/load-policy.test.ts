import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PolicyError } from '../../../src/errors.js'
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

describe('parsePolicy', () => {
  it('resolves a full policy', () => {
    const p = parsePolicy(
      [
        'profile: restricted',
        'rules:',
        '  AL-0001: warn',
        '  no-sensitive-host-mounts: { mode: enforce, severity: high }',
        'exemptions:',
        '  - name: agent',
        '    rules: [no-privileged]',
        '    images: ["registry.example.com/agent@sha256:abc"]',
        '    reason: needs it',
        '    expires: 2027-01-31',
        'settings:',
        '  allowedHostPaths: [/srv/projects]',
        'defaults:',
        '  memory: 512m',
        '  cpus: 1.5',
        'grants:',
        '  maxTtl: 15m',
        '  requireApproval: true',
      ].join('\n'),
      'p.yaml',
    )
    assert.equal(p.profile, 'restricted')
    assert.equal(p.rules['AL-0001']?.mode, 'warn')
    assert.deepEqual(p.rules['AL-0010'], { mode: 'enforce', severity: 'high' })
    assert.equal(p.exemptions[0]?.id, 'agent')
    assert.deepEqual(p.exemptions[0]?.rules, ['AL-0001'])
    assert.equal(p.exemptions[0]?.expires, '2027-01-31T00:00:00.000Z')
    assert.deepEqual(p.settings.allowedHostPaths, ['/srv/projects'])
    assert.equal(p.defaults.memory, 512 * 1024 * 1024)
    assert.equal(p.defaults.nanoCpus, 1.5e9)
    assert.equal(p.defaults.pidsLimit, 4096, 'unset defaults keep the built-in ones')
    assert.equal(p.maxGrantTtlSeconds, 900)
    assert.equal(p.grantApproval, true)
    assert.equal(p.source, 'p.yaml')
  })

  it('an empty file is the baseline policy', () => {
    const p = parsePolicy('', 'p.yaml')
    assert.equal(p.profile, 'baseline')
    assert.equal(p.rules['AL-0001']?.mode, 'enforce')
  })

  it('names the line and suggests a key for a typo', () => {
    const msg = failure('profile: baseline\nsetings:\n  allowedHostPaths: []\n')
    assert.match(msg, /^p\.yaml:2:1: /)
    assert.match(msg, /unknown key "setings" \(did you mean "settings"\?\)/)
  })

  it('names nested unknown keys with their allowed siblings', () => {
    const msg = failure('settings:\n  allowedHostPath: [/x]\n')
    assert.match(
      msg,
      /p\.yaml:2:\d+: settings: unknown key "allowedHostPath" \(did you mean "allowedHostPaths"\?\)/,
    )
  })

  it('refuses an unknown rule with a suggestion', () => {
    const msg = failure('rules:\n  no-privilegd: warn\n')
    assert.match(msg, /p\.yaml:2:\d+: rules: unknown rule "no-privilegd" \(did you mean "no-privileged"\?\)/)
  })

  it('refuses a bad mode', () => {
    assert.match(failure('rules:\n  AL-0001: block\n'), /p\.yaml:2:\d+: rules\.AL-0001: /)
  })

  it('refuses an exemption without a reason', () => {
    assert.match(failure('exemptions:\n  - rules: [AL-0001]\n'), /exemptions\.0\.reason/)
  })

  it('refuses an exemption of an unknown rule', () => {
    assert.match(
      failure('exemptions:\n  - rules: [AL-9999]\n    reason: because\n'),
      /p\.yaml:2:\d+: exemptions\.0\.rules\.0: unknown rule "AL-9999"/,
    )
  })

  it('refuses bad sizes and durations', () => {
    assert.match(failure('defaults:\n  memory: lots\n'), /defaults\.memory/)
    assert.match(failure('grants:\n  maxTtl: forever\n'), /grants\.maxTtl/)
  })

  it('reports YAML syntax errors with a position', () => {
    assert.match(failure('rules: [\n'), /^p\.yaml:\d+:\d+: /)
  })

  it('refuses duplicate keys', () => {
    assert.match(failure('profile: baseline\nprofile: restricted\n'), /^p\.yaml:2:\d+: /)
  })

  it('publishes a JSON Schema', () => {
    const schema = policyJsonSchema()
    assert.equal(schema['title'], 'Airlock policy')
    assert.ok((schema['properties'] as Record<string, unknown>)['rules'])
  })
})

describe('published policy schema', () => {
  it('schema/policy.schema.json is current (regenerate: airlock policy schema > schema/policy.schema.json)', async () => {
    const { readFileSync } = await import('node:fs')
    const onDisk = JSON.parse(
      readFileSync(new URL('../../../../schema/policy.schema.json', import.meta.url), 'utf8'),
    )
    assert.deepEqual(onDisk, JSON.parse(JSON.stringify(policyJsonSchema())))
  })
})
