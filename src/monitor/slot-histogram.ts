import { Histogram, type HistogramConfiguration, type LabelValues } from 'prom-client'

/** One label combination's observations: per-bucket counts (not cumulative), sum and count. */
export interface HistogramSlot<T extends string = string> {
  readonly labels: LabelValues<T>
  /** counts[i]: observations ≤ bounds[i] and > bounds[i-1]; the last entry: above every bound. */
  readonly counts: Float64Array
  sum: number
  count: number
}

/** The fields prom-client sets on every metric and its registry reads back. */
interface MetricFields {
  name: string
  help: string
  type: string
  aggregator: string
}

/**
 * Records one observation in a slot: a linear scan of the bounds (a dozen), no allocation.
 *
 * @example observeSlot(slot, [0.001, 0.01], 0.004) // counts[1]++
 */
export function observeSlot(slot: HistogramSlot, bounds: readonly number[], value: number): void {
  let i = 0
  while (i < bounds.length && value > (bounds[i] as number)) i++
  slot.counts[i] = (slot.counts[i] as number) + 1
  slot.sum += value
  slot.count++
}

/**
 * A prom-client Histogram whose label combinations are slots the caller keeps and observes with
 * `observeSlot` (prom-client's own `observe` allocates and hashes labels on every call). The
 * registry reads the slots at scrape time, in prom-client's exposition format.
 *
 * @example
 * const h = new SlotHistogram({ name: 'x_seconds', help: 'x', labelNames: ['class'], buckets: [0.01, 0.1], registers: [registry] })
 * const s = h.slot({ class: 'read' }); observeSlot(s, h.bounds, 0.004)
 */
export class SlotHistogram<T extends string = string> extends Histogram<T> {
  readonly bounds: readonly number[]
  readonly #slots: HistogramSlot<T>[] = []

  constructor(config: HistogramConfiguration<T> & { buckets: number[] }) {
    super(config)
    this.bounds = Object.freeze([...config.buckets].sort((a, b) => a - b))
  }

  /** A new slot for `labels`; keep it. Create each combination once. */
  slot(labels: LabelValues<T>): HistogramSlot<T> {
    const s: HistogramSlot<T> = {
      labels: Object.freeze({ ...labels }),
      counts: new Float64Array(this.bounds.length + 1),
      sum: 0,
      count: 0,
    }
    this.#slots.push(s)
    return s
  }

  /** The slots, for snapshots. */
  slots(): readonly HistogramSlot<T>[] {
    return this.#slots
  }

  /** What the registry formats (it prefers this method to `get`). */
  async getForPromString() {
    const { name, help, type, aggregator } = this as unknown as MetricFields
    const values: { labels: Partial<Record<string, string | number>>; value: number; metricName: string }[] =
      []
    for (const s of this.#slots) {
      let acc = 0
      this.bounds.forEach((le, i) => {
        acc += s.counts[i] as number
        values.push({ labels: { ...s.labels, le }, value: acc, metricName: `${name}_bucket` })
      })
      values.push({ labels: { ...s.labels, le: '+Inf' }, value: s.count, metricName: `${name}_bucket` })
      values.push({ labels: { ...s.labels }, value: s.sum, metricName: `${name}_sum` })
      values.push({ labels: { ...s.labels }, value: s.count, metricName: `${name}_count` })
    }
    return { name, help, type, aggregator, values }
  }

  override async get() {
    return (await this.getForPromString()) as unknown as Awaited<ReturnType<Histogram<T>['get']>>
  }
}
