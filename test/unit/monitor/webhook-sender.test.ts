import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import {
  type DeliveryOutcome,
  WebhookSender,
  webhookUrlAllowed,
} from '../../../src/monitor/alerts/webhook-sender.js'
import { webhookServer } from './webhook-server.js'

function recorder() {
  const outcomes: [DeliveryOutcome, string, string | undefined][] = []
  return {
    outcomes,
    onOutcome: (o: DeliveryOutcome, url: string, detail?: string) => outcomes.push([o, url, detail]),
  }
}

describe('WebhookSender', async () => {
  const server = await webhookServer([500, 503, 400])
  after(() => server.close())

  it('POSTs JSON, retries 5xx with backoff, and gives up on a 4xx without retrying', async () => {
    const r = recorder()
    const sender = new WebhookSender({ retryDelaysMs: [10, 20, 40], onOutcome: r.onOutcome })
    sender.send(server.url('/a'), { n: 1 })
    await sender.drain(5000)
    assert.deepEqual(
      server.received.map((x) => x.body),
      [{ n: 1 }, { n: 1 }, { n: 1 }],
      '500, 503, then 400: three attempts',
    )
    assert.equal(server.received[0]?.headers['content-type'], 'application/json')
    assert.equal(server.received[0]?.headers['user-agent'], 'airlock-alerts')
    assert.deepEqual(r.outcomes, [['failed', server.url('/a'), 'answered 400']])
    sender.send(server.url('/a'), { n: 2 })
    await sender.drain(5000)
    assert.deepEqual(r.outcomes.at(-1), ['sent', server.url('/a'), undefined])
  })

  it('refuses anything but http and https', () => {
    assert.equal(webhookUrlAllowed('https://hooks.example.com/x'), true)
    assert.equal(webhookUrlAllowed('file:///etc/passwd'), false)
    assert.equal(webhookUrlAllowed('not a url'), false)
    const r = recorder()
    new WebhookSender({ onOutcome: r.onOutcome }).send('ftp://example.com/', {})
    assert.equal(r.outcomes[0]?.[0], 'failed')
  })

  it('times out a webhook that does not answer, retries, then fails', async () => {
    const slow = await webhookServer([], ['/hang'])
    const r = recorder()
    const sender = new WebhookSender({ timeoutMs: 50, retryDelaysMs: [10], onOutcome: r.onOutcome })
    const t0 = Date.now()
    sender.send(slow.url('/hang'), { x: 1 })
    await sender.drain(5000)
    assert.equal(slow.received.length, 2)
    assert.equal(r.outcomes[0]?.[0], 'failed')
    assert.ok(Date.now() - t0 < 2000)
    await slow.close()
  })

  it('fails fast on a refused connection after its retries', async () => {
    const r = recorder()
    const sender = new WebhookSender({ retryDelaysMs: [5, 5], onOutcome: r.onOutcome })
    sender.send('http://127.0.0.1:9/nothing-listens', {})
    await sender.drain(5000)
    assert.equal(r.outcomes[0]?.[0], 'failed')
  })

  it('queues a bounded number of deliveries per URL and never waits in send', async () => {
    const slow = await webhookServer([], ['/hang'])
    const r = recorder()
    const sender = new WebhookSender({
      timeoutMs: 200,
      retryDelaysMs: [],
      maxQueue: 2,
      onOutcome: r.onOutcome,
    })
    const t0 = performance.now()
    for (let i = 0; i < 5; i++) sender.send(slow.url('/hang'), { i })
    assert.ok(performance.now() - t0 < 50, 'send only queues')
    assert.deepEqual(
      r.outcomes.map((o) => o[0]),
      ['dropped', 'dropped'],
      'one in flight, two queued, two dropped',
    )
    sender.close()
    await sender.drain(2000)
    await slow.close()
  })
})
