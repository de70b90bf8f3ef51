import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dockerfileModel } from '../../../src/adapters/dockerfile/dockerfile-model.js'
import { ACTION_KINDS, Action } from '../../../src/model/action.js'
import { ContainerSpec } from '../../../src/model/container-spec.js'
import { DaemonPosture } from '../../../src/model/daemon-posture.js'
import { isContainerRule, isDaemonRule, isDockerfileRule, type Rule } from '../../../src/policy/rule.js'
import { RULES } from '../../../src/policy/rules/index.js'
import { runRules } from '../../../src/policy/runner.js'
import { DEFAULT_SETTINGS } from '../../../src/policy/settings.js'

const ctx = { settings: DEFAULT_SETTINGS }

/** A Dockerfile fixture as the model its rule checks; a fixture the model cannot read is invalid. */
function model(fixture: unknown) {
  assert.equal(typeof fixture, 'string', 'a Dockerfile rule fixture is Dockerfile text')
  const { model: m, errors } = dockerfileModel('Dockerfile', fixture as string)
  assert.deepEqual(errors, [], 'the fixture is a valid Dockerfile')
  return m
}

/** The subject a fixture describes, parsed the way the rule's runner gets it (throws when invalid). */
function subject(rule: Rule, fixture: unknown): unknown {
  if (isDockerfileRule(rule)) return model(fixture)
  if (isContainerRule(rule)) return ContainerSpec.parse(fixture)
  if (isDaemonRule(rule)) return DaemonPosture.parse(fixture)
  return Action.parse(fixture)
}

function check(rule: Rule, fixture: unknown) {
  if (isDockerfileRule(rule)) return rule.check(model(fixture), ctx)
  if (isContainerRule(rule)) return rule.check(ContainerSpec.parse(fixture), ctx)
  if (isDaemonRule(rule)) return rule.check(DaemonPosture.parse(fixture), ctx)
  const act = Action.parse(fixture)
  assert.ok(
    (rule.appliesTo as readonly string[]).includes(act.kind),
    `${rule.id}: fixture kind ${act.kind} is not in appliesTo`,
  )
  return (rule.check as (a: Action, c: typeof ctx) => ReturnType<typeof rule.check>)(act, ctx)
}

describe('rule catalogue', () => {
  it('has unique ids and slugs, well-formed', () => {
    const ids = new Set<string>()
    const slugs = new Set<string>()
    for (const r of RULES) {
      assert.match(r.id, /^AL-\d{4}$/, `bad id ${r.id}`)
      assert.match(r.slug, /^[a-z0-9]+(-[a-z0-9]+)*$/, `bad slug ${r.slug}`)
      assert.ok(!ids.has(r.id), `duplicate id ${r.id}`)
      assert.ok(!slugs.has(r.slug), `duplicate slug ${r.slug}`)
      ids.add(r.id)
      slugs.add(r.slug)
      for (const field of ['title', 'description', 'remediation'] as const) {
        assert.ok(r[field].length > 10, `${r.id}: ${field} too short`)
      }
    }
  })

  it('lists rules in id order', () => {
    const ids = RULES.map((r) => r.id)
    assert.deepEqual(ids, [...ids].sort())
  })

  for (const rule of RULES) {
    describe(`${rule.id} ${rule.slug}`, () => {
      it('has at least one pass and one fail fixture', () => {
        assert.ok(rule.fixtures.pass.length > 0)
        assert.ok(rule.fixtures.fail.length > 0)
      })
      rule.fixtures.pass.forEach((fx, i) => {
        it(`pass fixture ${i} is valid and passes`, () => {
          assert.deepEqual(check(rule, fx), [])
        })
      })
      rule.fixtures.fail.forEach((fx, i) => {
        it(`fail fixture ${i} is valid and fails`, () => {
          const findings = check(rule, fx)
          assert.ok(findings.length > 0, `expected a finding for ${JSON.stringify(fx)}`)
          for (const f of findings) {
            assert.ok(f.message.length > 0)
            assert.ok(Array.isArray(f.path) && f.path.length > 0, 'finding has a path')
          }
        })
      })
    })
  }

  it('names only known action kinds and levels', () => {
    for (const r of RULES) {
      assert.ok(['baseline', 'restricted', 'optional'].includes(r.level), `${r.id}: bad level ${r.level}`)
      if (isContainerRule(r) || isDockerfileRule(r) || isDaemonRule(r)) continue
      assert.ok(r.appliesTo.length > 0, `${r.id}: applies to nothing`)
      for (const k of r.appliesTo) assert.ok(ACTION_KINDS.includes(k), `${r.id}: unknown action kind ${k}`)
    }
  })

  for (const rule of RULES) {
    describe(`${rule.id} ${rule.slug} findings`, () => {
      rule.fixtures.fail.forEach((fx, i) => {
        it(`fail fixture ${i}: every path points into the subject`, () => {
          const parsed = subject(rule, fx)
          for (const f of check(rule, fx)) {
            let node = parsed
            for (const key of f.path.slice(0, -1)) {
              assert.ok(
                node !== null && typeof node === 'object',
                `${JSON.stringify(f.path)} leaves the subject`,
              )
              node = (node as Record<string | number, unknown>)[key]
            }
            assert.ok(
              node !== null && typeof node === 'object',
              `${JSON.stringify(f.path)} has no parent object`,
            )
            // A posture has every field (defaults fill the unobserved ones): a path names one that exists.
            if (isDaemonRule(rule)) {
              const last = f.path.at(-1) as string | number
              assert.notEqual(
                (node as Record<string | number, unknown>)[last],
                undefined,
                `${JSON.stringify(f.path)} points at nothing`,
              )
            }
          }
        })
      })
      if (!isContainerRule(rule)) return
      it('fails its fixtures on a swarm service spec too, with paths under spec', () => {
        for (const fx of rule.fixtures.fail) {
          const act = Action.parse({ kind: 'service.create', name: 'svc', spec: fx })
          const [outcome] = runRules(act, [rule], ctx)
          assert.ok(outcome && outcome.findings.length > 0, `no finding on service for ${JSON.stringify(fx)}`)
          for (const f of outcome.findings) assert.equal(f.path[0], 'spec')
        }
      })
    })
  }
})
