import { Counter, type CounterConfiguration, type LabelValues } from 'prom-client'

/** One label combination's count, incremented in place on the hot path (`slot.value++`). */
export interface CounterSlot<T extends string = string> {
  readonly labels: LabelValues<T>
  value: number
}

/**
 * A prom-client Counter whose label combinations are slots the caller keeps: incrementing is a
 * property write (prom-client's own `inc` hashes and validates the labels on every call). The
 * registry reads the slots at scrape time.
 *
 * @example
 * const c = new SlotCounter({ name: 'x_total', help: 'x', labelNames: ['kind'], registers: [registry] })
 * const s = c.slot({ kind: 'a' }); s.value++
 */
export class SlotCounter<T extends string = string> extends Counter<T> {
  readonly #slots: CounterSlot<T>[] = []

  constructor(config: CounterConfiguration<T>) {
    super(config)
  }

  /** A new slot for `labels`; keep it and increment its `value`. Create each combination once. */
  slot(labels: LabelValues<T>): CounterSlot<T> {
    const s: CounterSlot<T> = { labels: Object.freeze({ ...labels }), value: 0 }
    this.#slots.push(s)
    return s
  }

  override async get() {
    const base = await super.get()
    return { ...base, values: this.#slots.map((s) => ({ labels: s.labels, value: s.value })) }
  }
}
