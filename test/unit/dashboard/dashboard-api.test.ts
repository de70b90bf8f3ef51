import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import type { FeedItem, GrantsResponse, RuleInfo, StatsResponse } from '../../../src/dashboard/api-types.js'
import { ADMIN_TOKEN, AUDITOR_TOKEN, bearer, CONTAINER, dashboard, record } from './fixtures.js'

const admin = bearer(ADMIN_TOKEN)

describe('dashboard API', () => {
  const records = Array.from({ length: 30 }, (_, i) => record(i + 1))
  records.push(
    record(31, {
      requestId: 'req-kill',
      actionKind: 'container.kill',
      extra: { phase: 'decision' },
      status: 0,
    }),
  )
  records.push(
    record(32, {
      requestId: 'req-kill',
      actionKind: 'container.kill',
      extra: { phase: 'complete' },
      status: 204,
    }),
  )
  const d = dashboard(records)
  after(() => d.close())

  it('GET /api/events: the latest calls, one per request, filtered', async () => {
    const all = (await (await d.app.request('/api/events?limit=1000', admin)).json()) as { items: FeedItem[] }
    assert.equal(
      all.items.length,
      31,
      'the decision record of a state-changing call is not a call of its own',
    )
    const kill = all.items.filter((i) => i.requestId === 'req-kill')
    assert.deepEqual(
      kill.map((i) => i.status),
      [204],
    )
    const denied = (await (await d.app.request('/api/events?decision=deny&limit=3', admin)).json()) as {
      items: FeedItem[]
    }
    assert.deepEqual(
      denied.items.map((i) => i.requestId),
      ['req-24', 'req-27', 'req-30'],
    )
    assert.ok(denied.items.every((i) => i.caller === 'mallory' && i.seq !== undefined))
    const alice = (await (
      await d.app.request('/api/events?caller=alice&kind=container.list&limit=2', admin)
    ).json()) as {
      items: FeedItem[]
    }
    assert.deepEqual(
      alice.items.map((i) => i.requestId),
      ['req-28', 'req-29'],
    )
    const before = (await (
      await d.app.request(`/api/events?decision=deny&limit=2&before=${denied.items[0]?.seq}`, admin)
    ).json()) as {
      items: FeedItem[]
    }
    assert.deepEqual(
      before.items.map((i) => i.requestId),
      ['req-18', 'req-21'],
    )
  })

  it('GET /api/events/:seq: one record in full', async () => {
    const res = await d.app.request('/api/events/3', admin)
    const e = (await res.json()) as { findings: { ruleId: string; message: string }[]; seq: number }
    assert.equal(e.seq, 3)
    assert.deepEqual(e.findings, [{ ruleId: 'AL-0001', result: 'fail', message: 'privileged is true' }])
    assert.equal((await d.app.request('/api/events/999', admin)).status, 404)
    assert.equal((await d.app.request('/api/events/x', admin)).status, 404)
  })

  it('GET /api/stats: calls per minute by decision, top callers, top denied rules', async () => {
    const s = (await (await d.app.request('/api/stats?minutes=10', admin)).json()) as StatsResponse
    assert.equal(s.perMinute.length, 10)
    const total = s.perMinute.reduce((n, m) => n + m.allow + m.deny + m.error, 0)
    assert.equal(total, 31)
    assert.deepEqual(s.topCallers[0], { caller: 'alice', calls: 21, denied: 0 })
    assert.deepEqual(s.topCallers[1], { caller: 'mallory', calls: 10, denied: 10 })
    assert.deepEqual(s.topDeniedRules, [{ ruleId: 'AL-0001', count: 10 }])
    assert.equal(s.partial, false)
  })

  it('GET /api/rules: the explanation and the fix of each rule', async () => {
    const rules = (await (await d.app.request('/api/rules', admin)).json()) as RuleInfo[]
    const r = rules.find((x) => x.id === 'AL-0001')
    assert.equal(r?.slug, 'no-privileged')
    assert.ok(r && r.remediation.length > 10 && r.description.length > 10)
    assert.equal(r?.docsPage, 'docs/rules/AL-0001-no-privileged.md')
  })

  it('GET /api/grants: status and countdown; POST revoke as an admin', async () => {
    const list = (await (await d.app.request('/api/grants', admin)).json()) as GrantsResponse
    const active = list.items.find((g) => g.id === 'g-active')
    assert.equal(active?.status, 'active')
    assert.ok(active && active.expiresInSeconds > 49 * 60 && active.expiresInSeconds <= 50 * 60)
    assert.equal(list.items.find((g) => g.id === 'g-expired')?.status, 'expired')
    assert.ok(Date.parse(list.now) > 0)
    const res = await d.app.request('/api/grants/g-active/revoke', { method: 'POST', ...admin })
    assert.equal(res.status, 200)
    const g = (await res.json()) as { status: string; revokedBy: string; expiresInSeconds: number }
    assert.equal(g.status, 'revoked')
    assert.equal(g.revokedBy, 'root')
    assert.equal(g.expiresInSeconds, 0)
    assert.deepEqual(d.grants.revoked, [['g-active', 'root']])
    const again = await d.app.request('/api/grants/g-active/revoke', { method: 'POST', ...admin })
    assert.equal(again.status, 400)
    assert.match(((await again.json()) as { message: string }).message, /already revoked/)
    assert.equal((await d.app.request('/api/grants/nope/revoke', { method: 'POST', ...admin })).status, 400)
  })

  it('GET /api/containers: the lister, cached briefly', async () => {
    const a = await (await d.app.request('/api/containers', admin)).json()
    await d.app.request('/api/containers', bearer(AUDITOR_TOKEN))
    assert.deepEqual(a, { items: [CONTAINER], errors: [] })
    assert.equal(d.containerCalls(), 1)
  })

  it('GET /api/audit and POST /api/audit/verify: the chain status', async () => {
    const before = (await (await d.app.request('/api/audit', admin)).json()) as {
      latest: unknown
      head: { seq: number }
    }
    assert.equal(before.latest, null)
    assert.equal(before.head.seq, 32)
    const v = (await (await d.app.request('/api/audit/verify', { method: 'POST', ...admin })).json()) as {
      ok: boolean
      count: number
    }
    assert.deepEqual([v.ok, v.count], [true, 32])
    const after = (await (await d.app.request('/api/audit', admin)).json()) as { latest: { ok: boolean } }
    assert.equal(after.latest.ok, true)
  })

  it('GET /api/metrics and /api/alerts: the monitor', async () => {
    d.monitor.onRequestDone({
      time: new Date().toISOString(),
      requestId: 'x',
      caller: 'alice',
      listener: 'l',
      method: 'GET',
      path: '/_ping',
      kind: 'system.ping',
      target: '',
      decision: 'allow',
      status: 200,
      ruleIds: [],
      message: 'allowed',
      grantIds: [],
      waivers: [],
      airlockMs: 0.1,
      upstreamMs: 0.5,
    })
    const m = (await (await d.app.request('/api/metrics', admin)).json()) as { requests: { total: number } }
    assert.equal(m.requests.total, 1)
    assert.deepEqual(await (await d.app.request('/api/alerts', admin)).json(), { items: [] })
  })

  it('unknown API routes are 404 JSON once signed in', async () => {
    const res = await d.app.request('/api/nothing', admin)
    assert.equal(res.status, 404)
    assert.match(((await res.json()) as { message: string }).message, /no such dashboard route/)
  })
})
