import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { auditStats } from '../../../src/dashboard/audit-stats.js'
import { recentEvents } from '../../../src/dashboard/recent-events.js'
import { dashboard, record } from './fixtures.js'

describe('recentEvents', () => {
  const records = Array.from({ length: 300 }, (_, i) =>
    record(i + 1, i + 1 === 5 ? { caller: { user: 'rare', groups: [], via: 'token' } } : {}),
  )
  const d = dashboard(records)
  after(() => d.close())

  it('walks back in steps until it has enough, oldest first', () => {
    const last = recentEvents(d.store, {}, 5, { step: 50 })
    assert.deepEqual(
      last.map((e) => e.seq),
      [296, 297, 298, 299, 300],
    )
    const rare = recentEvents(d.store, { caller: 'rare' }, 10, { step: 50 })
    assert.deepEqual(
      rare.map((e) => e.seq),
      [5],
    )
  })

  it('stops after maxScan records', () => {
    assert.deepEqual(recentEvents(d.store, { caller: 'rare' }, 10, { step: 50, maxScan: 100 }), [])
  })

  it('pages back before a seq', () => {
    assert.deepEqual(
      recentEvents(d.store, { decision: 'deny' }, 2, { beforeSeq: 100 }).map((e) => e.seq),
      [96, 99],
    )
  })
})

describe('auditStats', () => {
  const d = dashboard(Array.from({ length: 90 }, (_, i) => record(i + 1)))
  after(() => d.close())

  it('reads in pages and counts the whole window', async () => {
    const s = await auditStats(d.store, { minutes: 5, page: 7 })
    assert.equal(s.scanned, 90)
    assert.equal(
      s.perMinute.reduce((n, m) => n + m.allow + m.deny, 0),
      90,
    )
    assert.equal(s.partial, false)
    assert.equal(s.topCallers.length, 2)
  })

  it('says partial when the window holds more than it reads', async () => {
    const s = await auditStats(d.store, { minutes: 5, page: 10, maxScan: 20 })
    assert.equal(s.partial, true)
    assert.equal(s.scanned, 20)
  })

  it('minutes outside the window are empty', async () => {
    const s = await auditStats(d.store, { minutes: 3, now: new Date(Date.now() + 3_600_000) })
    assert.equal(s.scanned, 0)
    assert.ok(s.perMinute.every((m) => m.allow === 0 && m.deny === 0 && m.error === 0))
  })
})
