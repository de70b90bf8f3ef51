import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Alert } from '../../../src/monitor/alerts/alert.js'
import { AlertDispatcher } from '../../../src/monitor/alerts/alert-dispatcher.js'
import { alertRule } from '../../../src/monitor/alerts/alert-rule.js'
import type { AlertOutcome } from '../../../src/monitor/metrics.js'
import { MemoryLog } from './fixtures.js'

function alert(key: string, over: Partial<Alert> = {}): Alert {
  return {
    id: `id-${key}-${Math.random()}`,
    rule: 'denial-burst',
    kind: 'denial-burst',
    severity: 'high',
    key,
    time: '2025-01-01T00:00:00.000Z',
    summary: `${key} happened`,
    details: {},
    ...over,
  }
}

function setup() {
  const clock = { now: 0 }
  const log = new MemoryLog()
  const sent: [string, unknown][] = []
  const outcomes: AlertOutcome[] = []
  const d = new AlertDispatcher({
    log,
    sender: { send: (url, payload) => sent.push([url, payload]) },
    clock: () => clock.now,
    onOutcome: (o) => outcomes.push(o),
  })
  return { clock, log, sent, outcomes, d }
}

describe('AlertDispatcher', () => {
  it('logs every alert it sends and POSTs it to each webhook of the rule', () => {
    const { log, sent, d } = setup()
    const rule = alertRule('denial-burst', {
      webhooks: [
        { url: 'http://a/hook', maxPerMinute: 10 },
        { url: 'http://b/hook', maxPerMinute: 10 },
      ],
    })
    d.dispatch(alert('denial-burst:alice'), rule)
    assert.deepEqual(
      sent.map(([url]) => url),
      ['http://a/hook', 'http://b/hook'],
    )
    const body = sent[0]?.[1] as { source: string; text: string; alert: Alert }
    assert.equal(body.source, 'airlock')
    assert.equal(body.text, '[high] airlock: denial-burst:alice happened (denial-burst)')
    assert.equal(log.lines[0]?.level, 'error')
    assert.equal(log.lines[0]?.msg, 'alert: denial-burst:alice happened')
    assert.equal(d.recent().length, 1)
  })

  it('sends the same key once per dedupe window, then says how many it held back', () => {
    const { clock, sent, outcomes, d } = setup()
    const rule = alertRule('denial-burst', {
      dedupeSeconds: 60,
      webhooks: [{ url: 'http://a/', maxPerMinute: 100 }],
    })
    d.dispatch(alert('k'), rule)
    clock.now = 30_000
    d.dispatch(alert('k'), rule)
    d.dispatch(alert('k'), rule)
    d.dispatch(alert('other'), rule)
    assert.equal(sent.length, 2)
    clock.now = 60_000
    d.dispatch(alert('k'), rule)
    assert.equal(sent.length, 3)
    const third = sent[2]?.[1] as { alert: Alert } | undefined
    assert.equal(third?.alert.details['suppressedBefore'], 2)
    assert.deepEqual(outcomes, ['suppressed', 'suppressed'])
  })

  it('throttles each webhook to maxPerMinute and counts what it drops', () => {
    const { clock, sent, outcomes, log, d } = setup()
    const rule = alertRule('grant-used', {
      dedupeSeconds: 0,
      webhooks: [{ url: 'http://a/', maxPerMinute: 3 }],
    })
    for (let i = 0; i < 5; i++) d.dispatch(alert(`k${i}`, { severity: 'medium' }), rule)
    assert.equal(sent.length, 3)
    assert.deepEqual(outcomes, ['dropped', 'dropped'])
    assert.equal(log.lines.filter((l) => l.level === 'warn' && l.msg?.includes('throttled')).length, 2)
    clock.now = 20_000
    d.dispatch(alert('k9'), rule)
    assert.equal(sent.length, 4, 'a token is back after 20 s at 3 per minute')
  })

  it('two rules with the same key do not suppress each other', () => {
    const { sent, d } = setup()
    const hooks = [{ url: 'http://a/', maxPerMinute: 100 }]
    d.dispatch(alert('k'), alertRule('denial-burst', { id: 'fast', webhooks: hooks }))
    d.dispatch(alert('k'), alertRule('denial-burst', { id: 'slow', webhooks: hooks }))
    assert.equal(sent.length, 2)
  })
})
