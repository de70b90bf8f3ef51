import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  CIS_DOCKER_1_6,
  CIS_DOCKER_1_6_DAEMON,
  controlRules,
  FRAMEWORKS,
  PSS,
} from '../../../src/policy/frameworks/index.js'
import { RULES } from '../../../src/policy/rules/index.js'

const ruleById = new Map(RULES.map((r) => [r.id, r]))

describe('framework tables', () => {
  it('list CIS Docker 1.6 section 5 recommendations 5.1 to 5.32, each once, in order', () => {
    assert.deepEqual(
      CIS_DOCKER_1_6.controls.map((c) => c.id),
      Array.from({ length: 32 }, (_, i) => `5.${i + 1}`),
    )
  })

  it('list CIS Docker 1.6 sections 2 (2.1 to 2.18) and 3 (3.1 to 3.24), each once, in order', () => {
    assert.deepEqual(
      CIS_DOCKER_1_6_DAEMON.controls.map((c) => c.id),
      [
        ...Array.from({ length: 18 }, (_, i) => `2.${i + 1}`),
        ...Array.from({ length: 24 }, (_, i) => `3.${i + 1}`),
      ],
    )
  })

  it('map the daemon settings CIS sections 2 and 3 name to the daemon rules', () => {
    const covered = (id: string) => controlRules(CIS_DOCKER_1_6_DAEMON.controls.find((c) => c.id === id)!)
    assert.deepEqual(covered('2.2'), ['AL-0202'])
    assert.deepEqual(covered('2.7'), ['AL-0204'])
    assert.deepEqual(covered('2.12'), ['AL-0200'])
    assert.deepEqual(covered('2.17'), ['AL-0207'])
    for (const id of ['3.15', '3.16', '3.23', '3.24']) assert.deepEqual(covered(id), ['AL-0205'])
    assert.deepEqual(covered('3.18'), ['AL-0206'])
    assert.deepEqual(covered('2.6'), [])
  })

  it('have one key per table', () => {
    const keys = FRAMEWORKS.map((fw) => fw.key)
    assert.equal(new Set(keys).size, keys.length)
  })

  it('list every Pod Security Standards control once', () => {
    assert.deepEqual(PSS.controls.map((c) => c.id).sort(), [
      'baseline/apparmor',
      'baseline/capabilities',
      'baseline/host-namespaces',
      'baseline/host-path-volumes',
      'baseline/host-ports',
      'baseline/host-process',
      'baseline/privileged',
      'baseline/proc-mount',
      'baseline/seccomp',
      'baseline/selinux',
      'baseline/sysctls',
      'restricted/capabilities',
      'restricted/privilege-escalation',
      'restricted/running-as-non-root',
      'restricted/running-as-non-root-user',
      'restricted/seccomp',
      'restricted/volume-types',
    ])
  })

  for (const fw of FRAMEWORKS) {
    describe(fw.name, () => {
      it('has unique control ids, each with rules or a reason', () => {
        const ids = fw.controls.map((c) => c.id)
        assert.equal(new Set(ids).size, ids.length)
        for (const c of fw.controls) {
          assert.ok(c.title.length > 3, `${c.id} has a title`)
          if ('rules' in c) assert.ok(c.rules.length > 0, `${c.id} lists rules`)
          else assert.ok(c.reason.length > 20, `${c.id} explains why it is not covered`)
        }
      })

      it('references only existing rules, which list the control back', () => {
        for (const c of fw.controls) {
          for (const id of controlRules(c)) {
            const rule = ruleById.get(id)
            assert.ok(rule, `${fw.key} ${c.id}: rule ${id} does not exist`)
            assert.ok(rule.frameworks[fw.key]?.includes(c.id), `${id} does not list ${fw.key} ${c.id}`)
          }
        }
      })

      it('covers every reference a rule makes to it', () => {
        for (const rule of RULES) {
          for (const id of rule.frameworks[fw.key] ?? []) {
            const control = fw.controls.find((c) => c.id === id)
            assert.ok(control, `${rule.id} references unknown ${fw.key} control ${id}`)
            assert.ok(controlRules(control).includes(rule.id), `${fw.key} ${id} does not list ${rule.id}`)
          }
        }
      })
    })
  }
})
