import { AirlockError } from '../errors.js'

/** How a DeferredQueue batches. */
export interface DeferredQueueOptions<T> {
  /** Writes a batch, all or nothing; throws on failure. */
  write: (items: readonly T[]) => void
  /** Longest an item waits before a timed flush (ms). */
  flushMs: number
  /** Items that trigger a flush right away. */
  maxBatch: number
  /** Items held while writes fail; past this, `push` refuses. */
  maxPending: number
  /** Told about a failed timed or size-triggered flush (the items stay queued and are retried). */
  onError: (err: unknown) => void
}

/**
 * A write-behind queue: items are written in batches, in push order, every `flushMs` or every
 * `maxBatch` items, whichever comes first. A failed write keeps the items and retries on the next
 * flush; once `maxPending` items wait, `push` throws `E_AUDIT_WRITE` so callers fail closed. The
 * timer does not keep the process alive: call `flush()` before exiting.
 *
 * @example
 * const q = new DeferredQueue({ write: (b) => db.insertAll(b), flushMs: 5, maxBatch: 256, maxPending: 10_000, onError: log })
 * q.push(item)
 */
export class DeferredQueue<T> {
  readonly #opts: DeferredQueueOptions<T>
  #items: T[] = []
  #timer: NodeJS.Timeout | undefined

  constructor(opts: DeferredQueueOptions<T>) {
    for (const k of ['flushMs', 'maxBatch', 'maxPending'] as const) {
      if (!Number.isInteger(opts[k]) || opts[k] < 1)
        throw new RangeError(`DeferredQueue: ${k} must be a positive integer`)
    }
    this.#opts = opts
  }

  /** Items waiting to be written, oldest first. */
  get pending(): readonly T[] {
    return this.#items
  }

  push(item: T): void {
    if (this.#items.length >= this.#opts.maxPending) {
      throw new AirlockError(
        'E_AUDIT_WRITE',
        `audit queue full: ${this.#items.length} records wait because writes keep failing`,
      )
    }
    this.#items.push(item)
    if (this.#items.length >= this.#opts.maxBatch) this.#flushReporting()
    else this.#schedule()
  }

  /** Writes every pending item now; on failure they stay queued and the error is thrown. */
  flush(): void {
    this.#cancel()
    if (this.#items.length === 0) return
    const batch = this.#items
    try {
      this.#opts.write(batch)
    } catch (err) {
      this.#schedule()
      throw err
    }
    this.#items = []
  }

  /** Forgets the pending items (after the caller wrote them itself) and stops the timer. */
  clear(): void {
    this.#cancel()
    this.#items = []
  }

  #flushReporting(): void {
    try {
      this.flush()
    } catch (err) {
      this.#opts.onError(err)
    }
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#items.length === 0) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#flushReporting()
    }, this.#opts.flushMs)
    this.#timer.unref()
  }

  #cancel(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
  }
}
