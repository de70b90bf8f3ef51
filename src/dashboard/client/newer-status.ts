// Which of two audit chain verifications is the current one (no DOM: unit-tested).
import type { AuditStatus } from '../api-types.js'

/**
 * The later of two verifications by `checkedAt` (either may be missing), so an answer that was
 * already stale when it arrived does not replace a fresher one.
 *
 * @example newerStatus(fromPoll, fromVerifyNow)?.count
 */
export function newerStatus(
  a: AuditStatus | null | undefined,
  b: AuditStatus | null | undefined,
): AuditStatus | undefined {
  if (!a) return b ?? undefined
  if (!b) return a
  return Date.parse(b.checkedAt) >= Date.parse(a.checkedAt) ? b : a
}
