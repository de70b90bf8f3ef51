/**
 * What monitoring costs per request, in ns, against an empty loop: the rate-limit check, the
 * metrics update, the live-feed publish and the alert rules, alone and together as the proxy will
 * call them (`admit` + `onRequestDone` + `release`), and prom-client's own labelled calls for
 * reference. Phase 2 measures the same through the proxy (`npm run bench proxy`); the target is
 * ≤ 5% of the proxy's p50 on small calls.
 *
 * @example node build/bench/run.js monitor
 */
import { Counter, Histogram, Registry } from 'prom-client'
import type { DecisionSummary } from '../src/monitor/decision-summary.js'
import { Monitor } from '../src/monitor/monitor.js'
import { parsePolicy } from '../src/policy/load-policy.js'

const CALLERS = Array.from({ length: 20 }, (_, i) => ({
  user: `user-${i}`,
  groups: ['dev'],
  role: 'developer',
}))
const KINDS = [
  'container.list',
  'container.inspect',
  'system.ping',
  'container.create',
  'exec.create',
  'container.kill',
]
const N = 400_000

/** Limits no benchmark reaches, so every call takes the token path (the common case in production). */
const POLICY = parsePolicy(
  [
    'rateLimits:',
    '  create: { perMinute: 1000000000, burst: 1000000000 }',
    '  exec: { perMinute: 1000000000, burst: 1000000000 }',
    '  read: { perMinute: 1000000000, burst: 1000000000 }',
    '  write: { perMinute: 1000000000, burst: 1000000000 }',
  ].join('\n'),
  'bench.yaml',
)

function summaryOf(i: number): DecisionSummary {
  const kind = KINDS[i % KINDS.length] as string
  const deny = kind === 'container.create' && i % 12 === 3
  return {
    time: '2025-01-01T00:00:00.000Z',
    requestId: 'req',
    caller: (CALLERS[i % CALLERS.length] as { user: string }).user,
    role: 'developer',
    listener: 'unix:///run/airlock.sock',
    method: 'GET',
    path: '/v1.45/containers/json',
    kind,
    target: kind === 'exec.create' ? `c${i % 7}` : '',
    decision: deny ? 'deny' : 'allow',
    status: deny ? 403 : 200,
    ruleIds: [],
    message: 'allowed',
    grantIds: [],
    waivers: [],
    airlockMs: 0.12,
    upstreamMs: 0.4,
  }
}

/** ns per iteration of `body` (best of `rounds`). */
function nsPerOp(body: (i: number) => void, rounds = 5): number {
  let best = Number.POSITIVE_INFINITY
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < N; i++) body(i)
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / N)
  }
  return best
}

export async function run(): Promise<void> {
  const summaries = Array.from({ length: 1200 }, (_, i) => summaryOf(i))
  const monitor = new Monitor({ policy: () => POLICY, processMetrics: false })
  const viewed = new Monitor({ policy: () => POLICY, processMetrics: false })
  const viewer = viewed.events.subscribe()

  const registry = new Registry()
  const promCounter = new Counter({
    name: 'c',
    help: 'c',
    labelNames: ['kind', 'decision', 'caller'],
    registers: [registry],
  })
  const promHist = new Histogram({ name: 'h', help: 'h', labelNames: ['class'], registers: [registry] })

  let sink = 0
  const at = (i: number) => summaries[i % summaries.length] as DecisionSummary
  const caller = (i: number) => CALLERS[i % CALLERS.length] as (typeof CALLERS)[number]
  const clock = { t: 0 }
  const rows: [string, number][] = []
  const measure = (name: string, body: (i: number) => void) => {
    nsPerOp(body, 2) // warm up
    rows.push([name, nsPerOp(body)])
  }

  measure('empty loop (baseline)', (i) => {
    sink += at(i).status
  })
  measure('build a DecisionSummary (proxy side)', (i) => {
    sink += summaryOf(i).status
  })
  measure('rate limit check + concurrency slot', (i) => {
    clock.t += 0.001
    const s = at(i)
    sink += monitor.limiter.checkRate(caller(i), s.kind, clock.t).retryAfterSeconds
    monitor.limiter.acquire(caller(i), s.kind, clock.t)
    monitor.limiter.release(caller(i), s.kind)
  })
  measure('metrics: count + 2 latency observations', (i) => {
    const s = at(i)
    monitor.metrics.request(s.caller, s.kind, s.decision, s.airlockMs, s.upstreamMs)
  })
  measure('event bus publish, no subscriber', (i) => {
    sink += monitor.events.publish(at(i))
  })
  measure('alert rules (7 default rules)', (i) => {
    monitor.alerts.onDecision(at(i))
  })
  measure('admit + onRequestDone + release (all of it)', (i) => {
    clock.t += 0.001
    const s = at(i)
    const a = monitor.admit(caller(i), s.kind, clock.t)
    if (a.allowed && a.slot) monitor.release(caller(i), s.kind)
    monitor.onRequestDone(s)
  })
  measure('  the same, reading the clock itself', (i) => {
    const s = at(i)
    const a = monitor.admit(caller(i), s.kind)
    if (a.allowed && a.slot) monitor.release(caller(i), s.kind)
    monitor.onRequestDone(s)
  })
  measure('one dashboard viewer: wake + JSON per event', (i) => {
    const next = viewer.next()
    sink += viewed.events.publish(at(i)) + JSON.stringify(at(i)).length
    void next
  })
  measure('reference: prom-client inc + 2 observe (labels)', (i) => {
    const s = at(i)
    promCounter.inc({ kind: s.kind, decision: s.decision, caller: s.caller })
    promHist.observe({ class: 'read' }, s.airlockMs / 1000)
    promHist.observe({ class: 'read' }, 0.0004)
  })
  viewer.close()

  const base = rows[0]?.[1] ?? 0
  process.stdout.write(
    `monitoring per request (${N} iterations, best of 5, one core; ns/op and over the empty loop)\n`,
  )
  for (const [name, ns] of rows) {
    process.stdout.write(
      `${name.padEnd(50)} ${ns.toFixed(1).padStart(8)} ns  ${(ns - base).toFixed(1).padStart(8)} ns\n`,
    )
  }
  const all = (rows.find((r) => r[0].startsWith('admit'))?.[1] ?? 0) - base
  for (const p50 of [100, 200, 500]) {
    process.stdout.write(`  = ${((all / (p50 * 1000)) * 100).toFixed(2)}% of a ${p50} µs proxy p50\n`)
  }
  if (sink === -1) process.stdout.write('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
