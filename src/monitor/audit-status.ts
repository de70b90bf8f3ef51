/** The outcome of one audit chain verification, with when it ran and how long it took. */
export interface AuditStatus {
  ok: boolean
  /** When the verification finished, ISO 8601. */
  checkedAt: string
  durationMs: number
  /** Records found intact. */
  count: number
  head?: { seq: number; hash: string }
  /** The first bad record, when the chain is broken. */
  firstBad?: { seq: number; reason: string; detail: string }
  /** Why verification could not run (no key, store unreadable). */
  error?: string
}
