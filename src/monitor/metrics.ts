import { collectDefaultMetrics, Gauge, Registry } from 'prom-client'
import { RATE_CLASSES, type RateClass, rateClassIndex, rateClassOf } from './action-class.js'
import { histogramQuantile } from './histogram-quantile.js'
import type { LatencySummary, MetricsSnapshot } from './metrics-snapshot.js'
import { type CounterSlot, SlotCounter } from './slot-counter.js'
import { type HistogramSlot, observeSlot, SlotHistogram } from './slot-histogram.js'

/** Latency buckets in seconds: 100 µs to 10 s. */
export const LATENCY_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
]

/** The caller label of callers past the cardinality bound. */
export const OTHER_CALLER = 'other'

export type Outcome = 'allow' | 'deny' | 'error'
export type AlertOutcome = 'sent' | 'failed' | 'dropped' | 'suppressed'

export interface MetricsOptions {
  /** Registry to register on (default: a new one; never prom-client's global registry). */
  registry?: Registry
  /** Distinct caller label values at most; later callers are counted as `other` (default 50). */
  maxCallerLabels?: number
  /** Active grants, read at scrape time. */
  activeGrants?: () => number
  /** Node.js process metrics (CPU, memory, event loop lag, handles); default true. */
  processMetrics?: boolean
}

type KindSlots = Map<string, CounterSlot[]>

function outcomeIndex(d: Outcome): number {
  return d === 'allow' ? 0 : d === 'deny' ? 1 : 2
}

function latency(h: SlotHistogram, pick: (s: HistogramSlot) => boolean = () => true): LatencySummary {
  const counts = new Float64Array(h.bounds.length + 1)
  let count = 0
  for (const s of h.slots()) {
    if (!pick(s)) continue
    count += s.count
    s.counts.forEach((c, i) => {
      counts[i] = (counts[i] as number) + c
    })
  }
  const q = (p: number) => {
    const v = histogramQuantile(h.bounds, counts, p)
    return Number.isNaN(v) ? null : Math.round(v * 1e6) / 1e3
  }
  return { count, p50Ms: q(0.5), p95Ms: q(0.95), p99Ms: q(0.99) }
}

/**
 * Airlock's Prometheus metrics on their own registry. The hot-path methods cost a label lookup
 * (two Map gets) and a few number writes: no allocation once a caller and kind were seen. Caller
 * labels are bounded: past `maxCallerLabels` distinct callers, the rest count as `other`.
 *
 * @example
 * const m = new MonitorMetrics({ activeGrants: () => grants.active().length })
 * m.request('alice', 'container.create', 'deny', 0.4, null)
 * res.end(await m.registry.metrics())
 */
export class MonitorMetrics {
  readonly registry: Registry
  readonly #maxCallers: number
  readonly #requests: SlotCounter<'kind' | 'decision' | 'caller'>
  readonly #byCaller = new Map<string, KindSlots>()
  readonly #other: KindSlots = new Map()
  readonly #processing: HistogramSlot[]
  readonly #upstream: HistogramSlot[]
  readonly #processingH: SlotHistogram<'class'>
  readonly #upstreamH: SlotHistogram<'class'>
  readonly #auditH: SlotHistogram
  readonly #audit: HistogramSlot
  readonly #upstreamErrors: CounterSlot
  readonly #limited: SlotCounter<'class' | 'caller'>
  readonly #limitedBy = new Map<string, Map<string, CounterSlot>>()
  readonly #alerts: Record<AlertOutcome, CounterSlot>
  readonly #totals = new Float64Array(3)
  #streams = 0
  #limitedTotal = 0
  readonly #activeGrants: (() => number) | undefined

  constructor(opts: MetricsOptions = {}) {
    const registry = opts.registry ?? new Registry()
    this.registry = registry
    this.#maxCallers = opts.maxCallerLabels ?? 50
    this.#activeGrants = opts.activeGrants
    const registers = [registry]
    this.#requests = new SlotCounter({
      name: 'airlock_requests_total',
      help: 'Docker API calls through Airlock, by action kind, decision and caller',
      labelNames: ['kind', 'decision', 'caller'],
      registers,
    })
    this.#processingH = new SlotHistogram({
      name: 'airlock_processing_seconds',
      help: 'Time Airlock spent on a call itself (arrival until forwarded or answered), by rate class',
      labelNames: ['class'],
      buckets: LATENCY_BUCKETS,
      registers,
    })
    this.#upstreamH = new SlotHistogram({
      name: 'airlock_upstream_seconds',
      help: 'Time the Docker daemon took to answer a forwarded call (until its response head), by rate class',
      labelNames: ['class'],
      buckets: LATENCY_BUCKETS,
      registers,
    })
    this.#processing = RATE_CLASSES.map((c) => this.#processingH.slot({ class: c }))
    this.#upstream = RATE_CLASSES.map((c) => this.#upstreamH.slot({ class: c }))
    this.#auditH = new SlotHistogram({
      name: 'airlock_audit_write_seconds',
      help: 'Time a durable audit append took',
      buckets: LATENCY_BUCKETS,
      registers,
    })
    this.#audit = this.#auditH.slot({})
    const upstreamErrors = new SlotCounter({
      name: 'airlock_upstream_errors_total',
      help: 'Calls the Docker daemon could not be reached for or broke off',
      registers,
    })
    this.#upstreamErrors = upstreamErrors.slot({})
    this.#limited = new SlotCounter({
      name: 'airlock_rate_limited_total',
      help: 'Calls refused with 429 by a rate or concurrency limit, by class and caller',
      labelNames: ['class', 'caller'],
      registers,
    })
    const alerts = new SlotCounter<'outcome'>({
      name: 'airlock_alerts_total',
      help: 'Alert deliveries: sent, failed after retries, dropped by throttling, suppressed as duplicates',
      labelNames: ['outcome'],
      registers,
    })
    this.#alerts = {
      sent: alerts.slot({ outcome: 'sent' }),
      failed: alerts.slot({ outcome: 'failed' }),
      dropped: alerts.slot({ outcome: 'dropped' }),
      suppressed: alerts.slot({ outcome: 'suppressed' }),
    }
    const self = this
    new Gauge({
      name: 'airlock_streams_active',
      help: 'Hijacked streams (attach, exec) being relayed',
      registers,
      collect() {
        this.set(self.#streams)
      },
    })
    const activeGrants = opts.activeGrants
    if (activeGrants) {
      new Gauge({
        name: 'airlock_grants_active',
        help: 'Grants active now',
        registers,
        collect() {
          this.set(activeGrants())
        },
      })
    }
    if (opts.processMetrics ?? true) collectDefaultMetrics({ register: registry })
  }

  /** Counts one finished call and observes its latencies (ms; upstream null when not forwarded). */
  request(
    caller: string,
    kind: string,
    decision: Outcome,
    airlockMs: number,
    upstreamMs: number | null,
  ): void {
    const d = outcomeIndex(decision)
    const byKind = this.#byCaller.get(caller) ?? this.#callerSlots(caller)
    const slots = byKind.get(kind) ?? this.#kindSlots(byKind, caller, kind)
    ;(slots[d] as CounterSlot).value++
    this.#totals[d] = (this.#totals[d] as number) + 1
    const c = rateClassIndex(rateClassOf(kind))
    observeSlot(this.#processing[c] as HistogramSlot, this.#processingH.bounds, airlockMs / 1000)
    if (upstreamMs !== null) {
      observeSlot(this.#upstream[c] as HistogramSlot, this.#upstreamH.bounds, upstreamMs / 1000)
    }
  }

  /** Counts a call refused by a rate (`create`, ...) or concurrency (`attach`, `build`) limit. */
  rateLimited(caller: string, cls: string): void {
    const label = this.#byCaller.has(caller) || this.#byCaller.size < this.#maxCallers ? caller : OTHER_CALLER
    let byClass = this.#limitedBy.get(label)
    if (!byClass) {
      byClass = new Map()
      this.#limitedBy.set(label, byClass)
    }
    let slot = byClass.get(cls)
    if (!slot) {
      slot = this.#limited.slot({ class: cls, caller: label })
      byClass.set(cls, slot)
    }
    slot.value++
    this.#limitedTotal++
  }

  upstreamError(): void {
    this.#upstreamErrors.value++
  }

  streamOpened(): void {
    this.#streams++
  }

  streamClosed(): void {
    if (this.#streams > 0) this.#streams--
  }

  /** Observes one durable audit append, in ms. */
  auditWrite(ms: number): void {
    observeSlot(this.#audit, this.#auditH.bounds, ms / 1000)
  }

  alert(outcome: AlertOutcome): void {
    this.#alerts[outcome].value++
  }

  /** The Prometheus exposition text of every metric. */
  text(): Promise<string> {
    return this.registry.metrics()
  }

  /** The content type of `text()`. */
  get contentType(): string {
    return this.registry.contentType
  }

  /** Totals and latency quantiles as JSON. */
  snapshot(now: Date = new Date()): Omit<MetricsSnapshot, 'events'> {
    const [allow, deny, error] = this.#totals as unknown as [number, number, number]
    return {
      time: now.toISOString(),
      requests: { allow, deny, error, total: allow + deny + error },
      rateLimited: this.#limitedTotal,
      upstreamErrors: this.#upstreamErrors.value,
      activeStreams: this.#streams,
      activeGrants: this.#activeGrants ? this.#activeGrants() : null,
      latency: {
        airlock: latency(this.#processingH),
        upstream: latency(this.#upstreamH),
        auditWrite: latency(this.#auditH),
      },
      alerts: {
        sent: this.#alerts.sent.value,
        failed: this.#alerts.failed.value,
        dropped: this.#alerts.dropped.value,
        suppressed: this.#alerts.suppressed.value,
      },
    }
  }

  /** Requests per rate class so far (for tests and the bench). */
  requestsByClass(): Record<RateClass, number> {
    const out = { create: 0, exec: 0, read: 0, write: 0 }
    RATE_CLASSES.forEach((c, i) => {
      out[c] = (this.#processing[i] as HistogramSlot).count
    })
    return out
  }

  #callerSlots(caller: string): KindSlots {
    if (this.#byCaller.size >= this.#maxCallers) return this.#other
    const m: KindSlots = new Map()
    this.#byCaller.set(caller, m)
    return m
  }

  #kindSlots(byKind: KindSlots, caller: string, kind: string): CounterSlot[] {
    const label = byKind === this.#other ? OTHER_CALLER : caller
    const slots = (['allow', 'deny', 'error'] as const).map((decision) =>
      this.#requests.slot({ kind, decision, caller: label }),
    )
    byKind.set(kind, slots)
    return slots
  }
}
