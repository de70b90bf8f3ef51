import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AlertDedupe } from '../../../src/monitor/alerts/alert-dedupe.js'
import { DistinctWindow } from '../../../src/monitor/alerts/distinct-window.js'
import { SlidingCount } from '../../../src/monitor/alerts/sliding-count.js'
import { makeRoom } from '../../../src/monitor/bounded-map.js'

describe('SlidingCount', () => {
  it('says when the last N hits fell within the window, then starts over', () => {
    const c = new SlidingCount(3, 1000)
    assert.equal(c.hit(0), false)
    assert.equal(c.hit(500), false)
    assert.equal(c.hit(1001), false, 'the first hit is out of the window')
    assert.equal(c.count(1001), 2)
    assert.equal(c.hit(1200), true)
    assert.equal(c.hit(1300), false, 'counting starts over after firing')
    assert.equal(c.count(1300), 1)
  })
})

describe('DistinctWindow', () => {
  it('counts distinct values seen within the window', () => {
    const w = new DistinctWindow(2, 100)
    assert.equal(w.add('a', 0), false)
    assert.equal(w.add('a', 50), false)
    assert.equal(w.add('b', 160), false, 'a was last seen at 50, out of the window')
    assert.equal(w.add('c', 170), true)
    assert.deepEqual(w.values(), ['b', 'c'])
  })
})

describe('AlertDedupe', () => {
  it('passes a key once per window and counts what it held back', () => {
    const d = new AlertDedupe()
    assert.deepEqual(d.admit('k', 0, 1000), { send: true, suppressed: 0 })
    assert.equal(d.admit('k', 10, 1000).send, false)
    assert.equal(d.admit('k', 999, 1000).send, false)
    assert.equal(d.admit('other', 999, 1000).send, true)
    assert.deepEqual(d.admit('k', 1000, 1000), { send: true, suppressed: 2 })
    assert.deepEqual(d.admit('z', 0, 0), { send: true, suppressed: 0 })
    assert.deepEqual(d.admit('z', 0, 0), { send: true, suppressed: 0 }, 'no window: every time')
  })
})

describe('makeRoom', () => {
  it('drops stale entries first, then the oldest, to keep under the bound', () => {
    const m = new Map<string, number>()
    for (let i = 0; i < 10; i++) m.set(`k${i}`, i)
    makeRoom(m, 10, (v) => v % 2 === 0)
    assert.deepEqual([...m.keys()], ['k1', 'k3', 'k5', 'k7', 'k9'])
    makeRoom(m, 5, () => false)
    assert.equal(m.size, 4)
    assert.equal(m.has('k1'), false)
  })
})
