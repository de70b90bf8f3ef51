import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Alert } from '../../../src/monitor/alerts/alert.js'
import { AlertEngine } from '../../../src/monitor/alerts/alert-engine.js'
import { type AlertRule, alertRule } from '../../../src/monitor/alerts/alert-rule.js'
import { denial, summary } from './fixtures.js'

function engine(rules: AlertRule[], clock: { now: number }) {
  const fired: Alert[] = []
  const e = new AlertEngine({
    rules: () => rules,
    emit: (a) => fired.push(a),
    clock: () => clock.now,
    wallClock: () => new Date('2025-01-01T00:00:00Z'),
  })
  return { e, fired }
}

describe('AlertEngine', () => {
  it('denial-burst: fires when one caller is denied N times within the window', () => {
    const clock = { now: 0 }
    const { e, fired } = engine([alertRule('denial-burst', { threshold: 3, windowSeconds: 10 })], clock)
    e.onDecision(denial('alice'))
    clock.now = 5000
    e.onDecision(denial('alice'))
    e.onDecision(denial('bob'))
    assert.equal(fired.length, 0)
    e.onDecision(denial('alice'))
    assert.equal(fired.length, 1)
    const a = fired[0] as Alert
    assert.equal(a.kind, 'denial-burst')
    assert.equal(a.key, 'denial-burst:alice')
    assert.equal(a.caller, 'alice')
    assert.equal(a.severity, 'high')
    assert.equal(a.summary, 'alice was denied 3 times in 10s')
    assert.deepEqual(a.details['ruleIds'], ['AL-0001'])
  })

  it('denial-burst: denials spread wider than the window do not fire', () => {
    const clock = { now: 0 }
    const { e, fired } = engine([alertRule('denial-burst', { threshold: 3, windowSeconds: 10 })], clock)
    for (let i = 0; i < 10; i++) {
      clock.now = i * 6000
      e.onDecision(denial('alice'))
    }
    assert.equal(fired.length, 0)
  })

  it('denial-burst ignores allowed calls and 429s; rate-limited counts only 429s', () => {
    const clock = { now: 0 }
    const { e, fired } = engine(
      [
        alertRule('denial-burst', { threshold: 2, windowSeconds: 60 }),
        alertRule('rate-limited', { threshold: 2, windowSeconds: 60 }),
      ],
      clock,
    )
    e.onDecision(summary())
    e.onDecision(summary())
    e.onDecision(denial('alice', { status: 429 }))
    e.onDecision(denial('alice', { status: 429 }))
    assert.deepEqual(
      fired.map((a) => a.kind),
      ['rate-limited'],
    )
  })

  it('exec-spread: fires when one caller execs into N distinct containers within the window', () => {
    const clock = { now: 0 }
    const { e, fired } = engine([alertRule('exec-spread', { threshold: 3, windowSeconds: 60 })], clock)
    const exec = (target: string) => summary({ kind: 'exec.create', method: 'POST', target })
    e.onDecision(exec('web'))
    e.onDecision(exec('web'))
    e.onDecision(exec('db'))
    assert.equal(fired.length, 0, 'two distinct containers')
    clock.now = 61_000
    e.onDecision(exec('cache'))
    assert.equal(fired.length, 0, 'web and db fell out of the window')
    e.onDecision(exec('api'))
    e.onDecision(exec('queue'))
    assert.equal(fired.length, 1)
    assert.deepEqual(fired[0]?.details['containers'], ['cache', 'api', 'queue'])
  })

  it('grant-used: one alert per grant used', () => {
    const { e, fired } = engine([alertRule('grant-used')], { now: 0 })
    e.onDecision(summary({ grantIds: ['g-1'], kind: 'container.create', ruleIds: ['AL-0001'] }))
    e.onDecision(summary())
    assert.equal(fired.length, 1)
    assert.equal(fired[0]?.key, 'grant-used:g-1:alice')
    assert.equal(fired[0]?.details['grantId'], 'g-1')
  })

  it('elevated-action: an allowed call with waived findings by a watched role', () => {
    const { e, fired } = engine([alertRule('elevated-action')], { now: 0 })
    const waivers = [{ ruleId: 'AL-0001', by: 'exemption' as const, id: 'agent' }]
    e.onDecision(summary({ caller: 'dev', role: 'developer', waivers }))
    e.onDecision(summary({ caller: 'root', role: 'admin', decision: 'deny', waivers }))
    e.onDecision(summary({ caller: 'root', role: 'admin' }))
    assert.equal(fired.length, 0)
    e.onDecision(summary({ caller: 'root', role: 'admin', kind: 'container.create', waivers }))
    assert.equal(fired.length, 1)
    assert.equal(fired[0]?.summary, 'root (admin) made an elevated container.create: AL-0001 waived')
    const anyone = engine([alertRule('elevated-action', { roles: undefined })], { now: 0 })
    anyone.e.onDecision(summary({ caller: 'dev', role: 'developer', waivers }))
    assert.equal(anyone.fired.length, 1)
  })

  it('grant-created: from the admin API, not the decision stream', () => {
    const { e, fired } = engine([alertRule('grant-created')], { now: 0 })
    const grant = {
      id: 'g-1',
      subject: 'alice',
      rules: ['AL-0001'],
      reason: 'debugging',
      createdBy: 'root',
      createdAt: '2025-01-01T00:00:00.000Z',
      expiresAt: '2025-01-01T01:00:00.000Z',
    }
    e.onGrant({ action: 'revoked', grant, by: 'root' })
    assert.equal(fired.length, 0)
    e.onGrant({ action: 'created', grant, by: 'root' })
    assert.equal(fired.length, 1)
    assert.equal(fired[0]?.summary, 'root granted alice a waiver of AL-0001 until 2025-01-01T01:00:00.000Z')
    assert.equal(fired[0]?.severity, 'medium')
  })

  it('audit-chain: a failed verification fires, an intact one does not', () => {
    const { e, fired } = engine([alertRule('audit-chain')], { now: 0 })
    e.onAuditVerified({ ok: true, checkedAt: '2025-01-01T00:00:00.000Z', durationMs: 1, count: 10 })
    assert.equal(fired.length, 0)
    e.onAuditVerified({
      ok: false,
      checkedAt: '2025-01-01T00:00:00.000Z',
      durationMs: 1,
      count: 4,
      firstBad: {
        seq: 5,
        reason: 'hash-mismatch',
        detail: 'the stored bytes do not hash to the stored hash',
      },
    })
    e.onAuditVerified({
      ok: false,
      checkedAt: '2025-01-01T00:00:00.000Z',
      durationMs: 1,
      count: 0,
      error: 'no key',
    })
    assert.deepEqual(
      fired.map((a) => [a.key, a.severity]),
      [
        ['audit-chain:hash-mismatch:5', 'critical'],
        ['audit-chain:error', 'critical'],
      ],
    )
  })

  it('tracks at most maxKeys callers per rule', () => {
    const clock = { now: 0 }
    const fired: Alert[] = []
    const rule = alertRule('denial-burst', { threshold: 2, windowSeconds: 60 })
    const e = new AlertEngine({
      rules: () => [rule],
      emit: (a) => fired.push(a),
      clock: () => clock.now,
      maxKeys: 10,
    })
    for (let i = 0; i < 1000; i++) e.onDecision(denial(`u${i}`))
    e.onDecision(denial('u999'))
    assert.equal(fired.length, 1, 'the most recent caller is still tracked')
  })

  it('a reloaded rule list starts new windows', () => {
    const clock = { now: 0 }
    let rules = [alertRule('denial-burst', { threshold: 2, windowSeconds: 60 })]
    const fired: Alert[] = []
    const e = new AlertEngine({ rules: () => rules, emit: (a) => fired.push(a), clock: () => clock.now })
    e.onDecision(denial('alice'))
    rules = [alertRule('denial-burst', { threshold: 2, windowSeconds: 60 })]
    e.onDecision(denial('alice'))
    assert.equal(fired.length, 0)
    e.onDecision(denial('alice'))
    assert.equal(fired.length, 1)
  })
})
