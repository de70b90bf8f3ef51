import assert from 'node:assert/strict'
import { after, afterEach, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { ADMIN_TOKEN, AUDITOR_TOKEN, bearer, dashboard, liveDenial } from './fixtures.js'

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

describe('GET /api/events/stream ends once the sign-in no longer holds', () => {
  let d: ReturnType<typeof dashboard> | undefined
  const open = () => {
    d = dashboard([], { recheckMs: 20, heartbeatMs: 60_000 })
    return d
  }
  afterEach(() => {
    d?.monitor.events.close()
    d?.close()
  })

  /** Waits until the stream's bus subscription is gone. */
  const unsubscribed = async (x: ReturnType<typeof dashboard>) => {
    for (let i = 0; i < 100 && x.monitor.events.subscribers > 0; i++) await sleep(10)
    return x.monitor.events.subscribers === 0
  }

  it('a session whose token is revoked gets signed-out, and the stream and the session end', {
    timeout: 5000,
  }, async () => {
    const x = open()
    const login = await x.app.request(`/login?token=${ADMIN_TOKEN}`)
    const cookie = /airlock_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0] ?? ''
    const res = await x.app.request('/api/events/stream', { headers: { cookie } })
    assert.equal(res.status, 200)
    setTimeout(() => x.revokeToken(ADMIN_TOKEN), 60)
    const events = await readEvents(res, 'signed-out', 1)
    const last = events[events.length - 1]
    assert.equal(last?.event, 'signed-out')
    assert.match(JSON.parse(last?.data ?? '{}').reason, /session ended: .*not valid \(revoked\)/)
    assert.ok(await unsubscribed(x), 'the bus subscription ended with the stream')
    assert.equal((await x.app.request('/api/me', { headers: { cookie } })).status, 401)
  })

  it('a bearer stream whose token loses the audit right ends too', { timeout: 5000 }, async () => {
    const x = open()
    const res = await x.app.request('/api/events/stream', bearer(AUDITOR_TOKEN))
    setTimeout(() => x.demoteToken(AUDITOR_TOKEN), 60)
    const events = await readEvents(res, 'signed-out', 1)
    assert.match(events[events.length - 1]?.data ?? '', /does not belong to an admin or an auditor/)
    assert.ok(await unsubscribed(x))
  })

  it('stays open, checking again and again, while the sign-in holds', { timeout: 5000 }, async () => {
    const x = open()
    const res = await x.app.request('/api/events/stream', bearer(ADMIN_TOKEN))
    setTimeout(() => x.monitor.events.publish(liveDenial('still-here')), 200)
    const events = await readEvents(res, 'decision', 1)
    assert.deepEqual(
      events.map((e) => e.event),
      ['hello', 'decision'],
    )
  })
})
