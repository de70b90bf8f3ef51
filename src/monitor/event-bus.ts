/** An event with its place on the bus: ids count up from 1 (SSE `id:`). */
export interface BusEvent<T> {
  id: number
  event: T
}

/** Why a subscription ended: closed by its owner, or dropped for falling too far behind. */
export type EndReason = 'closed' | 'slow'

/**
 * One subscriber's view of the bus: pull events in order with `next()` or `for await`. Nothing is
 * buffered per subscriber: it reads from the bus's history, and is dropped (`reason: 'slow'`) when
 * it falls more than `maxLag` events behind.
 */
export interface Subscription<T> extends AsyncIterable<BusEvent<T>> {
  /** The next event, waiting for one if needed; undefined once the subscription ended. */
  next(): Promise<BusEvent<T> | undefined>
  close(): void
  readonly reason: EndReason | undefined
}

export interface EventBusOptions {
  /** Events kept for replay and for subscribers to catch up (default 1024). */
  history?: number
}

export interface SubscribeOptions {
  /** Replay the kept events after this id (SSE `Last-Event-ID`); default: only new events. */
  after?: number
  /** Events a subscriber may fall behind before it is dropped (default and maximum: the history). */
  maxLag?: number
}

/** What a subscription needs from its bus. */
interface BusSide<T> {
  take(s: Sub<T>): BusEvent<T> | undefined
  remove(s: Sub<T>): void
}

class Sub<T> implements Subscription<T> {
  cursor: number
  waiting: ((e: BusEvent<T> | undefined) => void) | undefined
  reason: EndReason | undefined
  readonly #bus: BusSide<T>
  readonly maxLag: number

  constructor(bus: BusSide<T>, cursor: number, maxLag: number) {
    this.#bus = bus
    this.cursor = cursor
    this.maxLag = maxLag
  }

  next(): Promise<BusEvent<T> | undefined> {
    if (this.reason !== undefined) return Promise.resolve(undefined)
    const e = this.#bus.take(this)
    if (e !== undefined) return Promise.resolve(e)
    return new Promise((resolve) => {
      this.waiting = resolve
    })
  }

  end(reason: EndReason): void {
    if (this.reason !== undefined) return
    this.reason = reason
    this.#bus.remove(this)
    const w = this.waiting
    this.waiting = undefined
    w?.(undefined)
  }

  close(): void {
    this.end('closed')
  }

  async *[Symbol.asyncIterator](): AsyncIterator<BusEvent<T>> {
    try {
      for (let e = await this.next(); e !== undefined; e = await this.next()) yield e
    } finally {
      this.close()
    }
  }
}

/**
 * An in-process, bounded publish/subscribe bus. `publish` is O(subscribers) and never waits: it
 * stores the event in a fixed ring and wakes subscribers that are waiting; a subscriber more than
 * `maxLag` events behind is dropped instead of buffered. Used for the dashboard's live feed.
 *
 * @example
 * const bus = new EventBus<DecisionSummary>()
 * const sub = bus.subscribe()
 * bus.publish(summary)
 * for await (const { id, event } of sub) send(id, event)
 */
export class EventBus<T> {
  readonly #ring: (T | undefined)[]
  readonly #subs = new Set<Sub<T>>()
  #last = 0
  #dropped = 0
  readonly #side: BusSide<T> = {
    take: (s) => this.#take(s),
    remove: (s) => {
      this.#subs.delete(s)
    },
  }

  constructor(opts: EventBusOptions = {}) {
    const size = opts.history ?? 1024
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError('history must be ≥ 1')
    this.#ring = new Array(size)
  }

  /** The id of the last event published (0 before any). */
  get lastId(): number {
    return this.#last
  }

  get subscribers(): number {
    return this.#subs.size
  }

  /** Subscribers dropped for being slow, so far. */
  get droppedSubscribers(): number {
    return this.#dropped
  }

  /** Publishes an event; returns its id. */
  publish(event: T): number {
    const id = ++this.#last
    this.#ring[id % this.#ring.length] = event
    for (const s of this.#subs) {
      if (s.waiting !== undefined) {
        const w = s.waiting
        s.waiting = undefined
        s.cursor = id
        w({ id, event })
      } else if (id - s.cursor > s.maxLag) {
        this.#dropped++
        s.end('slow')
      }
    }
    return id
  }

  subscribe(opts: SubscribeOptions = {}): Subscription<T> {
    const oldest = Math.max(0, this.#last - this.#ring.length)
    const after = opts.after === undefined ? this.#last : Math.min(this.#last, Math.max(oldest, opts.after))
    const maxLag = Math.min(this.#ring.length, Math.max(1, opts.maxLag ?? this.#ring.length))
    const s = new Sub<T>(this.#side, after, maxLag)
    this.#subs.add(s)
    return s
  }

  /** Up to `n` of the latest events, oldest first. */
  recent(n: number = this.#ring.length): BusEvent<T>[] {
    const out: BusEvent<T>[] = []
    const from = Math.max(1, this.#last - Math.min(n, this.#ring.length) + 1)
    for (let id = from; id <= this.#last; id++)
      out.push({ id, event: this.#ring[id % this.#ring.length] as T })
    return out
  }

  /** Ends every subscription (shutdown). */
  close(): void {
    for (const s of [...this.#subs]) s.end('closed')
  }

  /** The subscriber's next kept event, advancing its cursor. */
  #take(s: Sub<T>): BusEvent<T> | undefined {
    if (s.cursor >= this.#last) return undefined
    if (this.#last - s.cursor > this.#ring.length) {
      this.#dropped++
      s.end('slow')
      return undefined
    }
    const id = s.cursor + 1
    s.cursor = id
    return { id, event: this.#ring[id % this.#ring.length] as T }
  }
}
