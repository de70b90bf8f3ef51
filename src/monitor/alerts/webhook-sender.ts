import { errorMessage } from '../../errors.js'

export type DeliveryOutcome = 'sent' | 'failed' | 'dropped'

export interface WebhookSenderOptions {
  /** The fetch to use (default: Node's global fetch). */
  fetch?: typeof fetch
  /** Per attempt (default 5000 ms). */
  timeoutMs?: number
  /** Waits before each retry; its length is the number of retries (default 1 s, 4 s, 16 s). */
  retryDelaysMs?: readonly number[]
  /** Deliveries waiting per URL at most; more are dropped (default 100). */
  maxQueue?: number
  /** Told how each delivery ended. */
  onOutcome?: (outcome: DeliveryOutcome, url: string, detail?: string) => void
}

interface Job {
  body: string
}

interface Target {
  queue: Job[]
  busy: boolean
}

/** Whether a failed attempt is worth retrying: no answer, a timeout, 408, 429 or a 5xx. */
function retryable(status: number | undefined): boolean {
  return status === undefined || status === 408 || status === 429 || status >= 500
}

/**
 * Whether `url` is a webhook Airlock may call: http or https only.
 *
 * @example webhookUrlAllowed('file:///etc/passwd') // false
 */
export function webhookUrlAllowed(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'http:' || u.protocol === 'https:'
  } catch {
    return false
  }
}

/**
 * Delivers JSON bodies by POST, in the background: one delivery at a time per URL, each attempt
 * with a timeout, retries with backoff on network errors, 408, 429 and 5xx; redirects are not
 * followed. `send` only queues (bounded), so the caller never waits on a webhook.
 *
 * @example
 * const sender = new WebhookSender({ onOutcome: (o, url) => log.info({ o, url }) })
 * sender.send('https://hooks.example.com/airlock', { text: 'hello' })
 * await sender.drain()
 */
export class WebhookSender {
  readonly #fetch: typeof fetch
  readonly #timeoutMs: number
  readonly #delays: readonly number[]
  readonly #maxQueue: number
  readonly #onOutcome: NonNullable<WebhookSenderOptions['onOutcome']>
  readonly #targets = new Map<string, Target>()
  readonly #idle = new Set<() => void>()
  readonly #abort = new AbortController()

  constructor(opts: WebhookSenderOptions = {}) {
    this.#fetch = opts.fetch ?? globalThis.fetch
    this.#timeoutMs = opts.timeoutMs ?? 5000
    this.#delays = opts.retryDelaysMs ?? [1000, 4000, 16_000]
    this.#maxQueue = opts.maxQueue ?? 100
    this.#onOutcome = opts.onOutcome ?? (() => {})
  }

  /** Queues one POST of `payload` as JSON to `url`. Never throws, never waits. */
  send(url: string, payload: unknown): void {
    if (!webhookUrlAllowed(url)) {
      this.#onOutcome('failed', url, 'only http and https webhooks are called')
      return
    }
    if (this.#abort.signal.aborted) {
      this.#onOutcome('dropped', url, 'the sender is closed')
      return
    }
    let t = this.#targets.get(url)
    if (!t) {
      t = { queue: [], busy: false }
      this.#targets.set(url, t)
    }
    if (t.queue.length >= this.#maxQueue) {
      this.#onOutcome('dropped', url, `more than ${this.#maxQueue} deliveries waiting`)
      return
    }
    t.queue.push({ body: JSON.stringify(payload) })
    if (!t.busy) void this.#run(url, t)
  }

  /** Deliveries queued or in flight. */
  get pending(): number {
    let n = 0
    for (const t of this.#targets.values()) n += t.queue.length + (t.busy ? 1 : 0)
    return n
  }

  /** Resolves once nothing is queued or in flight (or after `timeoutMs`). */
  drain(timeoutMs = 30_000): Promise<void> {
    if (this.pending === 0) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.#idle.delete(done)
        resolve()
      }
      const timer = setTimeout(done, timeoutMs)
      this.#idle.add(done)
    })
  }

  /** Stops: aborts what is in flight and drops what waits. */
  close(): void {
    this.#abort.abort()
    for (const [url, t] of this.#targets) {
      for (const _ of t.queue) this.#onOutcome('dropped', url, 'the sender was closed')
      t.queue.length = 0
    }
  }

  async #run(url: string, t: Target): Promise<void> {
    t.busy = true
    for (let job = t.queue.shift(); job; job = t.queue.shift()) {
      await this.#deliver(url, job)
    }
    t.busy = false
    if (this.pending === 0) for (const done of [...this.#idle]) done()
  }

  async #deliver(url: string, job: Job): Promise<void> {
    let last = ''
    for (let attempt = 0; attempt <= this.#delays.length; attempt++) {
      if (attempt > 0 && !(await this.#wait(this.#delays[attempt - 1] as number))) break
      let status: number | undefined
      try {
        const res = await this.#fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'airlock-alerts' },
          body: job.body,
          redirect: 'manual',
          signal: AbortSignal.any([this.#abort.signal, AbortSignal.timeout(this.#timeoutMs)]),
        })
        status = res.status
        await res.arrayBuffer().catch(() => undefined)
        if (status >= 200 && status < 300) {
          this.#onOutcome('sent', url)
          return
        }
        last = `answered ${status}`
      } catch (err) {
        last = errorMessage(err)
      }
      if (!retryable(status)) break
    }
    this.#onOutcome('failed', url, last)
  }

  /** Waits `ms` unless the sender is closed meanwhile; true when the wait was not cut short. */
  #wait(ms: number): Promise<boolean> {
    const signal = this.#abort.signal
    if (signal.aborted) return Promise.resolve(false)
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort)
        resolve(true)
      }, ms)
      const onAbort = () => {
        clearTimeout(timer)
        resolve(false)
      }
      signal.addEventListener('abort', onAbort, { once: true })
    })
  }
}
