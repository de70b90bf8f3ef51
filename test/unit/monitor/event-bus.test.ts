import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { EventBus } from '../../../src/monitor/event-bus.js'

describe('EventBus', () => {
  it('delivers every event in order to each subscriber, waiting when there is none', async () => {
    const bus = new EventBus<string>()
    const a = bus.subscribe()
    const b = bus.subscribe()
    const next = a.next()
    assert.equal(bus.publish('x'), 1)
    bus.publish('y')
    assert.deepEqual(await next, { id: 1, event: 'x' })
    assert.deepEqual(await a.next(), { id: 2, event: 'y' })
    assert.deepEqual(await b.next(), { id: 1, event: 'x' })
    assert.deepEqual(await b.next(), { id: 2, event: 'y' })
  })

  it('gives new subscribers only new events, unless they ask to replay after an id', async () => {
    const bus = new EventBus<number>({ history: 4 })
    for (let i = 1; i <= 6; i++) bus.publish(i)
    const fresh = bus.subscribe()
    bus.publish(7)
    assert.deepEqual(await fresh.next(), { id: 7, event: 7 })
    const replay = bus.subscribe({ after: 5 })
    assert.deepEqual((await replay.next())?.event, 6)
    const old = bus.subscribe({ after: 0 })
    assert.deepEqual((await old.next())?.event, 4, 'only what the history still holds')
  })

  it('drops a subscriber that falls too far behind instead of buffering for it', async () => {
    const bus = new EventBus<number>({ history: 8 })
    const slow = bus.subscribe({ maxLag: 3 })
    const fast = bus.subscribe()
    for (let i = 1; i <= 4; i++) bus.publish(i)
    assert.equal(slow.reason, 'slow')
    assert.equal(await slow.next(), undefined)
    assert.equal(bus.subscribers, 1)
    assert.equal(bus.droppedSubscribers, 1)
    assert.equal((await fast.next())?.event, 1)
  })

  it('ends iteration on close and frees the subscriber', async () => {
    const bus = new EventBus<string>()
    const sub = bus.subscribe()
    const seen: string[] = []
    const loop = (async () => {
      for await (const e of sub) seen.push(e.event)
    })()
    bus.publish('a')
    await new Promise((r) => setImmediate(r))
    sub.close()
    await loop
    assert.deepEqual(seen, ['a'])
    assert.equal(sub.reason, 'closed')
    assert.equal(bus.subscribers, 0)
    bus.publish('b')
  })

  it('keeps a bounded history of recent events', () => {
    const bus = new EventBus<number>({ history: 3 })
    assert.deepEqual(bus.recent(), [])
    for (let i = 1; i <= 5; i++) bus.publish(i)
    assert.deepEqual(
      bus.recent().map((e) => e.event),
      [3, 4, 5],
    )
    assert.deepEqual(
      bus.recent(2).map((e) => e.id),
      [4, 5],
    )
  })

  it('close ends every subscription', async () => {
    const bus = new EventBus<number>()
    const s = bus.subscribe()
    const waiting = s.next()
    bus.close()
    assert.equal(await waiting, undefined)
  })
})
