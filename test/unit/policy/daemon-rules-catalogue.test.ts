import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { dockerfileModel } from '../../../src/adapters/dockerfile/dockerfile-model.js'
import { PolicyHolder } from '../../../src/enforce/proxy/policy-holder.js'
import { action } from '../../../src/model/action.js'
import { containerSpec } from '../../../src/model/container-spec.js'
import { daemonPosture } from '../../../src/model/daemon-posture.js'
import { decide } from '../../../src/policy/decide.js'
import { loadPolicy, parsePolicy } from '../../../src/policy/load-policy.js'
import { builtinPolicy } from '../../../src/policy/profiles.js'
import { type DaemonRule, isDaemonRule, type Rule } from '../../../src/policy/rule.js'
import { DAEMON_RULES, RULES } from '../../../src/policy/rules/index.js'
import {
  runDaemonRules,
  runDockerfileRules,
  runRules,
  runSpecRules,
  visitFindings,
} from '../../../src/policy/runner.js'
import { DEFAULT_SETTINGS } from '../../../src/policy/settings.js'

const ctx = { settings: DEFAULT_SETTINGS }

/** The catalogue with every daemon rule's check replaced by one that throws (and counts its calls). */
function throwingDaemonRules(): { rules: Rule[]; calls: () => number } {
  let calls = 0
  const rules = RULES.map((r): Rule => {
    if (!isDaemonRule(r)) return r
    const throwing: DaemonRule = {
      ...r,
      check: () => {
        calls++
        throw new Error(`${r.id} must not run on a request`)
      },
    }
    return throwing
  })
  return { rules, calls: () => calls }
}

function withPolicyFile(text: string, run: (file: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-policy-'))
  try {
    const file = join(dir, 'policy.yaml')
    writeFileSync(file, text)
    run(file)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('daemon rules in the one catalogue', () => {
  it('are in RULES, and DAEMON_RULES is the typed view of them', () => {
    assert.deepEqual(
      DAEMON_RULES.map((r) => r.id),
      RULES.filter(isDaemonRule).map((r) => r.id),
    )
    for (const r of DAEMON_RULES) assert.ok(RULES.includes(r), `${r.id} is not in RULES`)
  })

  it('a policy file may configure them, for the proxy as for the scanner', () => {
    const text =
      'profile: baseline\nrules:\n  AL-0204: warn\n  daemon-live-restore: { mode: enforce, severity: high }\n'
    withPolicyFile(text, (file) => {
      // The proxy's policy holder loads with the loader's defaults.
      const holder = new PolicyHolder(file)
      assert.deepEqual(holder.current.rules['AL-0204'], { mode: 'warn', severity: 'critical' })
      assert.deepEqual(holder.current.rules['AL-0203'], { mode: 'enforce', severity: 'high' })
      assert.equal(holder.reload().ok, true)
      assert.equal(loadPolicy(file).rules['AL-0204']?.mode, 'warn')
    })
    const exempted = parsePolicy(
      'exemptions:\n  - name: fronted\n    rules: [daemon-authorization-plugin]\n    reason: behind the Airlock proxy\n',
    )
    assert.deepEqual(exempted.exemptions[0]?.rules, ['AL-0200'])
  })

  it('built-in profiles give them a mode from their level', () => {
    assert.equal(builtinPolicy('baseline').rules['AL-0204']?.mode, 'enforce')
    assert.equal(builtinPolicy('baseline').rules['AL-0203']?.mode, 'warn')
    assert.equal(builtinPolicy('restricted').rules['AL-0203']?.mode, 'enforce')
  })

  it('decide() never evaluates one: a daemon rule that throws does not touch a container.create decision', () => {
    const { rules, calls } = throwingDaemonRules()
    const policy = builtinPolicy('restricted', rules)
    const benign = action({ kind: 'container.create', spec: { image: 'nginx:1.27' } })
    const allowedBefore = decide(benign, builtinPolicy('restricted')).allowed
    const d = decide(benign, policy, { rules })
    assert.equal(d.allowed, allowedBefore)
    assert.ok(!d.warnings.some((w) => /AL-02\d\d/.test(w)), d.warnings.join('\n'))
    assert.ok(!d.findings.some((f) => f.ruleId.startsWith('AL-02')))

    const privileged = decide(action({ kind: 'container.create', spec: { privileged: true } }), policy, {
      rules,
    })
    assert.equal(privileged.allowed, false)
    assert.match(privileged.message, /^airlock: denied by AL-0001 no-privileged/)
    for (const kind of ['system.info', 'image.build'] as const) {
      assert.ok(!decide(action({ kind }), policy, { rules }).warnings.some((w) => /AL-02/.test(w)))
    }
    assert.equal(calls(), 0)
  })

  it('the request and Dockerfile runners skip them; runDaemonRules runs only them', () => {
    const { rules, calls } = throwingDaemonRules()
    const create = action({ kind: 'container.create', spec: { image: 'nginx' } })
    assert.ok(!runRules(create, rules, ctx).some((o) => isDaemonRule(o.rule)))
    assert.ok(!runSpecRules(containerSpec({ image: 'nginx' }), rules, ctx).some((o) => isDaemonRule(o.rule)))
    const model = dockerfileModel('Dockerfile', 'FROM alpine:3.20\n').model
    assert.ok(!runDockerfileRules(model, rules, ctx).some((o) => isDaemonRule(o.rule)))
    assert.deepEqual(
      visitFindings(create, rules, ctx, () => {}),
      [],
    )
    assert.equal(calls(), 0)

    const outcomes = runDaemonRules(daemonPosture({ liveRestore: false }), RULES, ctx)
    assert.deepEqual(
      outcomes.map((o) => o.rule.id),
      DAEMON_RULES.map((r) => r.id),
    )
    assert.ok(outcomes.find((o) => o.rule.id === 'AL-0203')?.findings.length)
  })
})
