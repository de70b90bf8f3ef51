import type { VerifyResult } from '../audit/audit-store.js'
import { errorMessage } from '../errors.js'
import type { AuditStatus } from './audit-status.js'

/**
 * An AuditStatus from a `verify()` result (or the error it threw).
 *
 * @example auditStatus(store.verify(), new Date(), 12).ok // true
 */
export function auditStatus(
  result: VerifyResult | { error: unknown },
  at: Date,
  durationMs: number,
): AuditStatus {
  const base = { checkedAt: at.toISOString(), durationMs: Math.round(durationMs * 1000) / 1000 }
  if ('error' in result) return { ...base, ok: false, count: 0, error: errorMessage(result.error) }
  if (result.ok) return { ...base, ok: true, count: result.count, head: result.head }
  return { ...base, ok: false, count: result.count, firstBad: result.firstBad }
}

export interface AuditVerifierOptions {
  /** Runs one verification (in a worker for a large log: see `verifyInWorker`). */
  verify: () => VerifyResult | Promise<VerifyResult>
  /** Told every result (the alert engine's `onAuditVerified`). */
  onResult?: (status: AuditStatus) => void
  wallClock?: () => Date
}

/**
 * Verifies the audit chain now and then and remembers the last result: the dashboard's chain status
 * and the `audit-chain` alert rule read it. Concurrent requests for a verification share one run.
 *
 * @example
 * const verifier = new AuditVerifier({ verify: () => verifyInWorker({ dataDir }), onResult: (s) => alerts.onAuditVerified(s) })
 * verifier.start(600_000)
 */
export class AuditVerifier {
  readonly #verify: AuditVerifierOptions['verify']
  readonly #onResult: (status: AuditStatus) => void
  readonly #wall: () => Date
  #latest: AuditStatus | undefined
  #running: Promise<AuditStatus> | undefined
  #timer: NodeJS.Timeout | undefined

  constructor(opts: AuditVerifierOptions) {
    this.#verify = opts.verify
    this.#onResult = opts.onResult ?? (() => {})
    this.#wall = opts.wallClock ?? (() => new Date())
  }

  /** The last result, or undefined before the first verification finished. */
  latest(): AuditStatus | undefined {
    return this.#latest
  }

  /** Verifies now (or joins the verification under way). Never rejects: errors become a failed status. */
  verifyNow(): Promise<AuditStatus> {
    if (this.#running) return this.#running
    const started = performance.now()
    const run = (async () => {
      let status: AuditStatus
      try {
        const result = await this.#verify()
        status = auditStatus(result, this.#wall(), performance.now() - started)
      } catch (error) {
        status = auditStatus({ error }, this.#wall(), performance.now() - started)
      }
      this.#latest = status
      this.#running = undefined
      try {
        this.#onResult(status)
      } catch {
        // a listener's failure is not the verification's
      }
      return status
    })()
    this.#running = run
    return run
  }

  /** Verifies every `intervalMs` (first run right away); the timer does not keep the process alive. */
  start(intervalMs: number): void {
    this.stop()
    void this.verifyNow()
    this.#timer = setInterval(() => void this.verifyNow(), intervalMs)
    this.#timer.unref()
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = undefined
  }
}
