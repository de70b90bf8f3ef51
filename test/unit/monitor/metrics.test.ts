import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { register } from 'prom-client'
import { histogramQuantile } from '../../../src/monitor/histogram-quantile.js'
import { MonitorMetrics } from '../../../src/monitor/metrics.js'

/** The value of one exposition line, by its name and labels as printed. */
function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe('MonitorMetrics', () => {
  it('counts requests by kind, decision and caller', async () => {
    const m = new MonitorMetrics({ processMetrics: false })
    m.request('alice', 'container.create', 'deny', 0.3, null)
    m.request('alice', 'container.create', 'deny', 0.3, null)
    m.request('alice', 'container.create', 'allow', 0.5, 20)
    m.request('bob', 'container.list', 'allow', 0.1, 1)
    const text = await m.text()
    assert.equal(
      value(text, 'airlock_requests_total{kind="container.create",decision="deny",caller="alice"}'),
      2,
    )
    assert.equal(
      value(text, 'airlock_requests_total{kind="container.create",decision="allow",caller="alice"}'),
      1,
    )
    assert.equal(
      value(text, 'airlock_requests_total{kind="container.list",decision="allow",caller="bob"}'),
      1,
    )
    assert.match(text, /# TYPE airlock_requests_total counter/)
  })

  it('keeps Airlock and daemon latency apart, by rate class, in cumulative buckets', async () => {
    const m = new MonitorMetrics({ processMetrics: false })
    m.request('alice', 'container.create', 'allow', 0.4, 30)
    m.request('alice', 'container.create', 'deny', 2, null)
    const text = await m.text()
    assert.match(text, /# TYPE airlock_processing_seconds histogram/)
    assert.equal(value(text, 'airlock_processing_seconds_bucket{class="create",le="0.0005"}'), 1)
    assert.equal(value(text, 'airlock_processing_seconds_bucket{class="create",le="0.0025"}'), 2)
    assert.equal(value(text, 'airlock_processing_seconds_bucket{class="create",le="+Inf"}'), 2)
    assert.equal(value(text, 'airlock_processing_seconds_count{class="create"}'), 2)
    assert.ok(Math.abs((value(text, 'airlock_processing_seconds_sum{class="create"}') ?? 0) - 0.0024) < 1e-9)
    assert.equal(
      value(text, 'airlock_upstream_seconds_count{class="create"}'),
      1,
      'a denial never reached the daemon',
    )
    assert.equal(value(text, 'airlock_upstream_seconds_bucket{class="create",le="0.025"}'), 0)
    assert.equal(value(text, 'airlock_upstream_seconds_bucket{class="create",le="0.05"}'), 1)
    assert.equal(value(text, 'airlock_processing_seconds_count{class="read"}'), 0)
  })

  it('counts callers past the bound as other', async () => {
    const m = new MonitorMetrics({ processMetrics: false, maxCallerLabels: 2 })
    for (const u of ['a', 'b', 'c', 'd', 'a']) m.request(u, 'system.ping', 'allow', 0.1, 0.1)
    m.rateLimited('e', 'create')
    m.rateLimited('a', 'create')
    const text = await m.text()
    assert.equal(value(text, 'airlock_requests_total{kind="system.ping",decision="allow",caller="a"}'), 2)
    assert.equal(value(text, 'airlock_requests_total{kind="system.ping",decision="allow",caller="other"}'), 2)
    assert.doesNotMatch(text, /caller="c"/)
    assert.equal(value(text, 'airlock_rate_limited_total{class="create",caller="other"}'), 1)
    assert.equal(value(text, 'airlock_rate_limited_total{class="create",caller="a"}'), 1)
  })

  it('reports streams, upstream errors, audit writes, alerts and active grants', async () => {
    let grants = 3
    const m = new MonitorMetrics({ processMetrics: false, activeGrants: () => grants })
    m.streamOpened()
    m.streamOpened()
    m.streamClosed()
    m.streamClosed()
    m.streamClosed()
    m.streamOpened()
    m.upstreamError()
    m.auditWrite(1.5)
    m.alert('sent')
    m.alert('dropped')
    grants = 4
    const text = await m.text()
    assert.equal(value(text, 'airlock_streams_active'), 1, 'never below zero')
    assert.equal(value(text, 'airlock_upstream_errors_total'), 1)
    assert.equal(value(text, 'airlock_audit_write_seconds_count'), 1)
    assert.equal(value(text, 'airlock_alerts_total{outcome="sent"}'), 1)
    assert.equal(value(text, 'airlock_alerts_total{outcome="dropped"}'), 1)
    assert.equal(value(text, 'airlock_grants_active'), 4, 'read at scrape time')
  })

  it('adds process metrics on its own registry, never the global one', async () => {
    const before = (await register.metrics()).length
    const m = new MonitorMetrics()
    assert.match(await m.text(), /process_cpu_user_seconds_total/)
    assert.match(await m.text(), /nodejs_eventloop_lag_seconds/)
    assert.equal((await register.metrics()).length, before)
  })

  it('summarizes totals and latency quantiles as JSON', () => {
    const m = new MonitorMetrics({ processMetrics: false, activeGrants: () => 2 })
    for (let i = 0; i < 100; i++) m.request('alice', 'container.list', i < 90 ? 'allow' : 'deny', 0.2, 3)
    m.rateLimited('alice', 'read')
    const s = m.snapshot(new Date('2025-01-01T00:00:00Z'))
    assert.deepEqual(s.requests, { allow: 90, deny: 10, error: 0, total: 100 })
    assert.equal(s.rateLimited, 1)
    assert.equal(s.activeGrants, 2)
    assert.equal(s.latency.airlock.count, 100)
    assert.ok(
      s.latency.airlock.p50Ms !== null && s.latency.airlock.p50Ms > 0.1 && s.latency.airlock.p50Ms <= 0.25,
    )
    assert.ok(
      s.latency.upstream.p95Ms !== null && s.latency.upstream.p95Ms > 2.5 && s.latency.upstream.p95Ms <= 5,
    )
    assert.equal(s.latency.auditWrite.p50Ms, null)
    assert.deepEqual(m.requestsByClass(), { create: 0, exec: 0, read: 100, write: 0 })
  })
})

describe('histogramQuantile', () => {
  it('interpolates within the bucket holding the quantile', () => {
    assert.equal(histogramQuantile([1, 2, 4], [2, 2, 0, 0], 0.5), 1)
    assert.equal(histogramQuantile([1, 2, 4], [0, 4, 0, 0], 0.5), 1.5)
    assert.equal(histogramQuantile([1, 2, 4], [0, 0, 0, 5], 0.5), 4, 'above every bound: the last bound')
    assert.ok(Number.isNaN(histogramQuantile([1], [0, 0], 0.5)))
  })
})
