import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AuditEvent } from '../../../src/audit/audit-event.js'
import { decisionFields } from '../../../src/audit/decision-fields.js'
import type { Decision } from '../../../src/model/decision.js'
import type { Finding } from '../../../src/model/finding.js'
import { sampleEvent } from './fixtures.js'

const finding = (ruleId: string, result: 'fail' | 'warn', message: string): Finding => ({
  ruleId,
  slug: ruleId.toLowerCase(),
  title: 'a rule',
  severity: 'high',
  result,
  remediation: 'fix it',
  message,
  path: ['privileged'],
})

describe('decisionFields', () => {
  it('maps a denial to compact, valid audit fields', () => {
    const decision: Decision = {
      allowed: false,
      message: 'airlock: denied by AL-0001',
      findings: [
        finding('AL-0001', 'fail', 'privileged is true'),
        finding('AL-0005', 'warn', 'no pids limit'),
        finding('AL-0001', 'fail', 'again'),
      ],
      mutations: [{ path: ['security', 'noNewPrivileges'], value: true, reason: 'secure default' }],
      grantIds: ['g-1'],
      warnings: [],
    }
    const fields = decisionFields(decision)
    assert.deepEqual(fields, {
      decision: 'deny',
      message: 'airlock: denied by AL-0001',
      ruleIds: ['AL-0001', 'AL-0005'],
      findings: [
        { ruleId: 'AL-0001', result: 'fail', message: 'privileged is true' },
        { ruleId: 'AL-0005', result: 'warn', message: 'no pids limit' },
        { ruleId: 'AL-0001', result: 'fail', message: 'again' },
      ],
      mutations: [{ path: ['security', 'noNewPrivileges'], value: true, reason: 'secure default' }],
      grantIds: ['g-1'],
    })
    assert.equal(AuditEvent.safeParse({ ...sampleEvent(0), ...fields }).success, true)
  })

  it('maps an allowed decision to allow', () => {
    const fields = decisionFields({
      allowed: true,
      message: 'ok',
      findings: [],
      mutations: [],
      grantIds: [],
      warnings: [],
    })
    assert.equal(fields.decision, 'allow')
    assert.deepEqual(fields.ruleIds, [])
  })
})
