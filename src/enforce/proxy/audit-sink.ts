import type { AuditEventInput } from '../../audit/audit-event.js'
import type { AuditStore } from '../../audit/audit-store.js'
import { errorMessage } from '../../errors.js'

/**
 * The proxy's side of the audit store: durable writes for what must be on disk before forwarding,
 * deferred writes for the rest, and whether the log is currently writable (a failed deferred batch
 * makes it unhealthy until a write succeeds again) so reads fail closed too.
 *
 * @example const sink = new AuditSink(store); sink.now(record) // throws when the log cannot be written
 */
export class AuditSink {
  readonly #store: Pick<AuditStore, 'append' | 'appendDeferred' | 'flush'>
  readonly #onDurableWrite: ((ms: number) => void) | undefined
  #failure: string | undefined

  /** `onDurableWrite` is told how long each successful durable append took, in ms (metrics). */
  constructor(
    store: Pick<AuditStore, 'append' | 'appendDeferred' | 'flush'>,
    onDurableWrite?: (ms: number) => void,
  ) {
    this.#store = store
    this.#onDurableWrite = onDurableWrite
  }

  /** Why the log is not writable, or undefined when it is. */
  get failure(): string | undefined {
    return this.#failure
  }

  /**
   * Whether the log takes writes. While a failure is known, retries the queued writes first, so the
   * proxy recovers by itself once the disk does.
   */
  healthy(): boolean {
    if (this.#failure === undefined) return true
    try {
      this.#store.flush()
      this.#failure = undefined
      return true
    } catch (err) {
      this.#failure = errorMessage(err)
      return false
    }
  }

  /** Tells the sink a background write failed (wire to the store's `onDeferredError`). */
  deferredFailed(err: unknown): void {
    this.#failure = errorMessage(err)
  }

  /** Appends durably; throws when it cannot. */
  now(event: AuditEventInput): void {
    try {
      if (this.#onDurableWrite) {
        const t0 = performance.now()
        this.#store.append(event)
        this.#onDurableWrite(performance.now() - t0)
      } else this.#store.append(event)
      this.#failure = undefined
    } catch (err) {
      this.#failure = errorMessage(err)
      throw err
    }
  }

  /** Queues a record; throws when the queue refuses it (writes keep failing). */
  later(event: AuditEventInput): void {
    try {
      this.#store.appendDeferred(event)
    } catch (err) {
      this.#failure = errorMessage(err)
      throw err
    }
  }

  /** Writes everything queued. */
  flush(): void {
    this.#store.flush()
  }
}
