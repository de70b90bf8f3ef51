import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { ADMIN_TOKEN, bearer, dashboard, liveDenial } from './fixtures.js'

/** Reads server-sent events off a response until `count` of type `type` arrived. */
async function readEvents(res: Response, type: string, count: number) {
  assert.ok(res.body)
  const reader = res.body.getReader()
  const decoder = new TextDecoder()
  let buf = ''
  const events: { event: string; id?: string; data: string }[] = []
  while (events.filter((e) => e.event === type).length < count) {
    const { value, done } = await reader.read()
    if (done) break
    buf += decoder.decode(value, { stream: true })
    for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
      const block = buf.slice(0, i)
      buf = buf.slice(i + 2)
      const e: { event: string; id?: string; data: string } = { event: 'message', data: '' }
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) e.event = line.slice(7)
        else if (line.startsWith('id: ')) e.id = line.slice(4)
        else if (line.startsWith('data: ')) e.data += line.slice(6)
        else if (line.startsWith(':')) e.event = 'comment'
      }
      events.push(e)
    }
  }
  await reader.cancel()
  return events
}

describe('GET /api/events/stream', () => {
  const d = dashboard([], { heartbeatMs: 20 })
  after(() => d.close())

  it('streams each new call as a decision event with the bus id', async () => {
    const res = await d.app.request('/api/events/stream', bearer(ADMIN_TOKEN))
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/)
    setTimeout(() => d.monitor.events.publish(liveDenial('live-1')), 10)
    const events = await readEvents(res, 'decision', 1)
    assert.equal(events[0]?.event, 'hello')
    const decision = events.find((e) => e.event === 'decision')
    const item = JSON.parse(decision?.data ?? '{}')
    assert.equal(item.requestId, 'live-1')
    assert.equal(item.busId, Number(decision?.id))
    assert.equal(d.monitor.events.subscribers, 0, 'the subscription ends with the stream')
  })

  it('filters by caller, action and decision', async () => {
    const res = await d.app.request('/api/events/stream?caller=mallory&decision=deny', bearer(ADMIN_TOKEN))
    setTimeout(() => {
      d.monitor.events.publish({ ...liveDenial('alice-1', 'alice') })
      d.monitor.events.publish({ ...liveDenial('allowed-1'), decision: 'allow' })
      d.monitor.events.publish(liveDenial('mallory-1'))
    }, 10)
    const events = await readEvents(res, 'decision', 1)
    const ids = events.filter((e) => e.event === 'decision').map((e) => JSON.parse(e.data).requestId)
    assert.deepEqual(ids, ['mallory-1'])
  })

  it('replays what the bus still holds after Last-Event-ID', async () => {
    const first = d.monitor.events.publish(liveDenial('r-1'))
    d.monitor.events.publish(liveDenial('r-2'))
    d.monitor.events.publish(liveDenial('r-3'))
    const res = await d.app.request(
      '/api/events/stream',
      bearer(ADMIN_TOKEN, { 'last-event-id': String(first) }),
    )
    const events = await readEvents(res, 'decision', 2)
    assert.deepEqual(
      events.filter((e) => e.event === 'decision').map((e) => JSON.parse(e.data).requestId),
      ['r-2', 'r-3'],
    )
  })

  it('sends keep-alive comments', async () => {
    const res = await d.app.request('/api/events/stream', bearer(ADMIN_TOKEN))
    const events = await readEvents(res, 'comment', 1)
    assert.ok(events.some((e) => e.event === 'comment'))
  })
})
