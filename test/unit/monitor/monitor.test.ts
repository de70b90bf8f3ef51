import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { splitLatency, waiversOf } from '../../../src/monitor/decision-summary.js'
import { Monitor } from '../../../src/monitor/monitor.js'
import { parsePolicy } from '../../../src/policy/load-policy.js'
import type { Policy } from '../../../src/policy/policy.js'
import { denial, MemoryLog, summary } from './fixtures.js'
import { webhookServer } from './webhook-server.js'

const alice = { user: 'alice', groups: [] }

describe('Monitor', async () => {
  const hooks = await webhookServer()
  after(() => hooks.close())

  it('admits within limits and refuses past them with the 429 reply, counting it', async () => {
    const clock = { now: 0 }
    const policy = parsePolicy('rateLimits:\n  create: { perMinute: 60, burst: 2 }\n', 'p.yaml')
    const m = new Monitor({ policy: () => policy, processMetrics: false, clock: () => clock.now })
    assert.deepEqual(m.admit(alice, 'container.create'), { allowed: true, slot: undefined })
    assert.equal(m.admit(alice, 'container.create').allowed, true)
    const refused = m.admit(alice, 'container.create')
    assert.equal(refused.allowed, false)
    assert.ok(!refused.allowed && refused.reply.status === 429)
    assert.ok(!refused.allowed && refused.reply.headers['Retry-After'] === '1')
    assert.equal(m.snapshot().rateLimited, 1)
    assert.match(await m.metrics.text(), /airlock_rate_limited_total\{class="create",caller="alice"\} 1/)
  })

  it('hands out and takes back concurrency slots', () => {
    const twoBuilds = parsePolicy('rateLimits:\n  concurrent: { build: 2 }\n', 'p.yaml')
    const m = new Monitor({ policy: () => twoBuilds, processMetrics: false })
    assert.deepEqual(m.admit(alice, 'image.build'), { allowed: true, slot: 'build' })
    assert.deepEqual(m.admit(alice, 'image.build'), { allowed: true, slot: 'build' })
    const third = m.admit(alice, 'image.build')
    assert.ok(!third.allowed && third.reply.message.includes('may have 2 builds open at once'))
    m.release(alice, 'image.build')
    assert.equal(m.admit(alice, 'image.build').allowed, true)
  })

  it('admitting allocates nothing on the common path (shared verdicts)', () => {
    const m = new Monitor({ policy: () => ({}), processMetrics: false })
    assert.equal(m.admit(alice, 'container.list'), m.admit(alice, 'container.inspect'))
  })

  it('one finished call feeds metrics, the live feed and the alert rules, which reach the webhook', async () => {
    const policy: Pick<Policy, 'rateLimits' | 'alerts'> = parsePolicy(
      `alerts:\n  - kind: denial-burst\n    threshold: 3\n    window: 1m\n    webhooks: [${hooks.url('/burst')}]\n`,
      'p.yaml',
    )
    const log = new MemoryLog()
    const m = new Monitor({ policy: () => policy, log, processMetrics: false })
    const sub = m.events.subscribe()
    for (let i = 0; i < 3; i++) m.onRequestDone(denial('mallory'))
    m.onRequestDone(summary())
    assert.equal((await sub.next())?.event.caller, 'mallory')
    assert.deepEqual(m.snapshot().requests, { allow: 1, deny: 3, error: 0, total: 4 })
    await hooks.waitFor(1)
    const body = hooks.received[0]?.body as { alert: { kind: string; caller: string } }
    assert.equal(hooks.received[0]?.path, '/burst')
    assert.equal(body.alert.kind, 'denial-burst')
    assert.equal(body.alert.caller, 'mallory')
    assert.ok(log.lines.some((l) => l.msg === 'alert: mallory was denied 3 times in 60s'))
    assert.equal(m.recentAlerts().length, 1)
    await m.close()
    assert.equal(m.snapshot().alerts.sent, 1)
  })

  it('grant and audit events reach their rules; default rules log without webhooks', () => {
    const log = new MemoryLog()
    const m = new Monitor({ policy: () => ({}), log, processMetrics: false })
    m.onGrant({
      action: 'created',
      by: 'root',
      grant: {
        id: 'g-1',
        subject: 'alice',
        rules: ['AL-0001'],
        reason: 'debug',
        createdBy: 'root',
        createdAt: '2025-01-01T00:00:00.000Z',
        expiresAt: '2025-01-01T01:00:00.000Z',
      },
    })
    m.onAuditVerified({
      ok: false,
      checkedAt: '2025-01-01T00:00:00.000Z',
      durationMs: 1,
      count: 0,
      error: 'no key',
    })
    assert.deepEqual(
      m.recentAlerts().map((a) => a.kind),
      ['grant-created', 'audit-chain'],
    )
    assert.equal(log.lines.length, 2)
  })

  it('shows the last audit chain verification as gauges: NaN and 0 before the first, then 1 or 0 and when', async () => {
    const m = new Monitor({ policy: () => parsePolicy('alerts: []\n', 'p.yaml'), processMetrics: false })
    const gauges = async () =>
      (await m.metrics.text()).split('\n').filter((l) => l.startsWith('airlock_audit_chain_'))
    assert.deepEqual(await gauges(), [
      'airlock_audit_chain_ok Nan',
      'airlock_audit_chain_verified_timestamp_seconds 0',
    ])
    const at = '2025-01-01T00:00:10.500Z'
    m.onAuditVerified({ ok: true, checkedAt: at, durationMs: 1, count: 3, head: { seq: 3, hash: 'a' } })
    assert.deepEqual(await gauges(), [
      'airlock_audit_chain_ok 1',
      `airlock_audit_chain_verified_timestamp_seconds ${Date.parse(at) / 1000}`,
    ])
    m.onAuditVerified({
      ok: false,
      checkedAt: at,
      durationMs: 1,
      count: 1,
      firstBad: { seq: 2, reason: 'hash-mismatch', detail: 'edited' },
    })
    assert.equal((await gauges())[0], 'airlock_audit_chain_ok 0', 'alerts off: the gauge still tells')
  })

  it('alerts turned off with an empty list', () => {
    const m = new Monitor({ policy: () => parsePolicy('alerts: []\n', 'p.yaml'), processMetrics: false })
    for (let i = 0; i < 50; i++) m.onRequestDone(denial('mallory'))
    assert.equal(m.recentAlerts().length, 0)
  })

  it('counts streams, upstream errors and audit writes', () => {
    const m = new Monitor({ policy: () => ({}), processMetrics: false })
    m.onStreamOpen()
    m.onUpstreamError()
    m.onAuditWrite(2)
    const s = m.snapshot()
    assert.equal(s.activeStreams, 1)
    assert.equal(s.upstreamErrors, 1)
    assert.equal(s.latency.auditWrite.count, 1)
    m.onStreamClose()
    assert.equal(m.snapshot().activeStreams, 0)
  })
})

describe('waiversOf', () => {
  it('lists findings waived by grants and exemptions, and shares the empty list', () => {
    const finding = {
      ruleId: 'AL-0001',
      slug: 'no-privileged',
      title: '',
      severity: 'critical' as const,
      result: 'fail' as const,
      remediation: '',
      message: '',
      path: [],
    }
    assert.equal(waiversOf(undefined), waiversOf({ findings: [finding] }))
    assert.deepEqual(
      waiversOf({ findings: [finding, { ...finding, waivedBy: { kind: 'grant', id: 'g-1', reason: 'r' } }] }),
      [{ ruleId: 'AL-0001', by: 'grant', id: 'g-1' }],
    )
  })
})

describe('splitLatency', () => {
  it("separates Airlock's time from the daemon's", () => {
    const near = (a: number, b: number) => Math.abs(a - b) < 1e-9
    const fwd = splitLatency({ started: 10, forwarded: 10.25, upstreamHead: 12.25 })
    assert.ok(near(fwd.airlockMs, 0.25) && fwd.upstreamMs !== null && near(fwd.upstreamMs, 2))
    assert.deepEqual(splitLatency({ started: 10, answered: 11 }), { airlockMs: 1, upstreamMs: null })
    assert.deepEqual(
      splitLatency({ started: 10, forwarded: 10.5 }),
      { airlockMs: 0.5, upstreamMs: null },
      'the daemon never answered',
    )
  })
})
