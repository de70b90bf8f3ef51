import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AuditEvent } from '../../../src/audit/audit-event.js'
import { canonicalJson } from '../../../src/audit/canonical-json.js'
import { sampleEvent } from './fixtures.js'

const minimal = {
  time: '2025-01-01T00:00:00.000Z',
  caller: { user: 'listener:tcp', groups: [], via: 'listener' },
  listener: 'tcp',
  method: 'GET',
  path: '/_ping',
  actionKind: 'system.ping',
  decision: 'allow',
  status: 200,
  durationMs: 0.2,
  requestId: '3f2b8c2e-4a1d-4c55-9d0e-0f6a7b1c2d3e',
} as const

describe('AuditEvent', () => {
  it('fills the defaults of a minimal event', () => {
    const e = AuditEvent.parse(minimal)
    assert.deepEqual(
      { ...e, time: undefined },
      {
        ...minimal,
        time: undefined,
        caller: { user: 'listener:tcp', groups: [], via: 'listener' },
        target: '',
        ruleIds: [],
        findings: [],
        mutations: [],
        grantIds: [],
        message: '',
        bodySha256: '',
        bodyBytes: 0,
        responseBytes: 0,
        upstreamStatus: null,
        extra: {},
      },
    )
  })

  it('round-trips through canonical JSON', () => {
    const e = AuditEvent.parse(
      sampleEvent(2, {
        mutations: [{ path: ['security', 'noNewPrivileges'], value: true, reason: 'default' }],
      }),
    )
    assert.deepEqual(AuditEvent.parse(JSON.parse(canonicalJson(e))), e)
  })

  it('takes times only as UTC ISO 8601 with milliseconds', () => {
    for (const time of ['2025-01-01T00:00:00Z', '2025-01-01T00:00:00.000+01:00', '2025-01-01', 'yesterday']) {
      assert.equal(AuditEvent.safeParse({ ...minimal, time }).success, false, time)
    }
  })

  it('refuses unknown fields, bad hashes, bad numbers and non-JSON extras', () => {
    const bad: Record<string, unknown>[] = [
      { surprise: 1 },
      { bodySha256: 'abc' },
      { bodySha256: 'A'.repeat(64) },
      { status: 200.5 },
      { status: -1 },
      { bodyBytes: -1 },
      { decision: 'maybe' },
      { upstreamStatus: undefined, durationMs: -1 },
      { extra: { x: Number.NaN } },
      { extra: { x: undefined } },
      { method: '' },
      { requestId: '' },
      { caller: { user: 'x', groups: [], via: 'magic' } },
    ]
    for (const patch of bad) {
      assert.equal(AuditEvent.safeParse({ ...minimal, ...patch }).success, false, JSON.stringify(patch))
    }
  })

  it('drops fields an Identity may grow, and keeps role', () => {
    const e = AuditEvent.parse({
      ...minimal,
      caller: { user: 'a', groups: ['g'], role: 'admin', via: 'mtls', cn: 'a' },
    })
    assert.deepEqual(e.caller, { user: 'a', groups: ['g'], role: 'admin', via: 'mtls' })
  })
})
