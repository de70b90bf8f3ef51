import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { FeedItem } from '../../../src/dashboard/api-types.js'
import { barLengths, niceMax, stackedBars } from '../../../src/dashboard/client/chart-geometry.js'
import { addToFeed, filterQuery, itemMatches } from '../../../src/dashboard/client/feed-state.js'
import { findingGroups } from '../../../src/dashboard/client/finding-groups.js'
import { ago, clockTime, formatCountdown, formatMs } from '../../../src/dashboard/client/format.js'
import { newerStatus } from '../../../src/dashboard/client/newer-status.js'
import { escapeHtml, loginPage, pageShell } from '../../../src/dashboard/html.js'
import { liveDenial } from './fixtures.js'

function item(requestId: string, time: string, over: Partial<FeedItem> = {}): FeedItem {
  return { ...liveDenial(requestId), time, ...over }
}

describe('format', () => {
  it('formats countdowns, durations and ages', () => {
    assert.equal(formatCountdown(3723), '1h 02m 03s')
    assert.equal(formatCountdown(65), '1m 05s')
    assert.equal(formatCountdown(9.9), '9s')
    assert.equal(formatCountdown(-4), 'expired')
    assert.equal(formatMs(0.4321), '0.43 ms')
    assert.equal(formatMs(42.4), '42 ms')
    assert.equal(formatMs(1532), '1.53 s')
    assert.equal(formatMs(null), '–')
    assert.equal(ago('2025-01-01T00:00:00.000Z', new Date('2025-01-01T00:02:10.000Z')), '2m ago')
    assert.equal(ago('2025-01-01T00:00:00.000Z', new Date('2025-01-03T00:00:00.000Z')), '2d ago')
    assert.equal(clockTime(new Date(2025, 0, 1, 9, 5, 7).toISOString()), '09:05:07')
  })
})

describe('feed state', () => {
  it('keeps one entry per request, newest first, bounded', () => {
    const a = item('a', '2025-01-01T00:00:01.000Z')
    const b = item('b', '2025-01-01T00:00:02.000Z')
    let feed = addToFeed([], [a, b])
    assert.deepEqual(
      feed.map((i) => i.requestId),
      ['b', 'a'],
    )
    const c = item('c', '2025-01-01T00:00:03.000Z')
    const a2 = { ...a, status: 500 }
    feed = addToFeed(feed, [c, a2])
    assert.deepEqual(
      feed.map((i) => [i.requestId, i.status]),
      [
        ['c', 403],
        ['b', 403],
        ['a', 500],
      ],
    )
    assert.equal(addToFeed(feed, [item('d', '2025-01-01T00:00:04.000Z')], 2).length, 2)
  })

  it('builds the filter query and matches items', () => {
    assert.equal(filterQuery({}), '')
    assert.equal(filterQuery({ decision: 'deny', caller: 'a b' }), 'caller=a+b&decision=deny')
    const i = item('x', '2025-01-01T00:00:00.000Z')
    assert.equal(itemMatches(i, { decision: 'deny', caller: 'mallory' }), true)
    assert.equal(itemMatches(i, { kind: 'container.list' }), false)
  })
})

describe('finding groups', () => {
  const ids = (rules: { ruleId: string }[]) => rules.map((r) => r.ruleId)

  it('tells the rule that denied a call from the ones that only warned, each with its own findings', () => {
    const g = findingGroups(item('x', '2025-01-01T00:00:00.000Z'))
    assert.deepEqual(ids(g.deniedBy), ['AL-0001'])
    assert.deepEqual(
      g.deniedBy[0]?.findings.map((f) => f.message),
      ['privileged is true'],
    )
    assert.deepEqual(ids(g.warnings), ['AL-0024', 'AL-0040'])
    assert.deepEqual([g.waived, g.unexplained], [[], []])
  })

  it('a failing rule a grant waived, or one of a call allowed anyway, was waived, not denying', () => {
    const waived = findingGroups(
      item('x', '2025-01-01T00:00:00.000Z', {
        decision: 'allow',
        waivers: [{ ruleId: 'AL-0001', by: 'grant', id: 'g-1' }],
      }),
    )
    assert.deepEqual(ids(waived.waived), ['AL-0001'])
    assert.deepEqual(waived.waived[0]?.waiver, { ruleId: 'AL-0001', by: 'grant', id: 'g-1' })
    assert.deepEqual(ids(waived.deniedBy), [])
    const stored = findingGroups(item('y', '2025-01-01T00:00:00.000Z', { decision: 'allow', waivers: [] }))
    assert.deepEqual(ids(stored.waived), ['AL-0001'])
  })

  it('rules named without findings are listed apart', () => {
    const g = findingGroups(
      item('x', '2025-01-01T00:00:00.000Z', { ruleIds: ['AL-0001', 'AL-0065'], findings: [] }),
    )
    assert.deepEqual(ids(g.unexplained), ['AL-0001', 'AL-0065'])
    assert.deepEqual(ids(findingGroups({ ...item('z', 'x'), findings: undefined }).unexplained), [
      'AL-0001',
      'AL-0024',
      'AL-0040',
    ])
  })
})

describe('chain status', () => {
  const status = (checkedAt: string, count: number) => ({ ok: true, count, checkedAt, durationMs: 1 })

  it('keeps the later verification', () => {
    const early = status('2025-01-01T00:00:00.000Z', 5)
    const late = status('2025-01-01T00:01:00.000Z', 9)
    assert.equal(newerStatus(early, late), late)
    assert.equal(newerStatus(late, early), late)
    assert.equal(newerStatus(undefined, early), early)
    assert.equal(newerStatus(null, undefined), undefined)
  })
})

describe('chart geometry', () => {
  it('picks round axis maxima', () => {
    assert.deepEqual([0, 1, 3, 37, 100, 101].map(niceMax), [1, 1, 5, 50, 100, 200])
  })

  it('stacks allow, deny and error per minute inside the box', () => {
    const { rects, max } = stackedBars(
      [
        { minute: 'm0', allow: 6, deny: 2, error: 0 },
        { minute: 'm1', allow: 0, deny: 0, error: 0 },
        { minute: 'm2', allow: 1, deny: 0, error: 1 },
      ],
      300,
      100,
    )
    assert.equal(max, 10)
    assert.deepEqual(
      rects.map((r) => [r.minute, r.decision, r.value]),
      [
        ['m0', 'allow', 6],
        ['m0', 'deny', 2],
        ['m2', 'allow', 1],
        ['m2', 'error', 1],
      ],
    )
    const [allow, deny] = rects
    assert.equal(allow?.height, 60)
    assert.equal(allow?.y, 40)
    assert.equal(deny?.y, 20, 'deny sits on top of allow')
    assert.ok(rects.every((r) => r.x >= 0 && r.x + r.width <= 300 && r.y >= 0))
  })

  it('scales ranked bars to the largest', () => {
    assert.deepEqual(barLengths([10, 5, 0], 200), [200, 100, 0])
    assert.deepEqual(barLengths([], 200), [])
    assert.deepEqual(barLengths([0], 200), [0])
  })
})

describe('html', () => {
  it('escapes what it embeds', () => {
    assert.equal(escapeHtml(`<a href="x">'&`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;')
    assert.match(loginPage('/', '<b>'), /&lt;b&gt;/)
    assert.match(pageShell('/dash"/'), /<base href="\/dash&quot;\/">/)
    assert.doesNotMatch(pageShell('/'), /<script>/, 'no inline script')
  })
})
