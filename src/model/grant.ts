/** A time-bounded elevation: named rules waived for one subject (and scope) until it expires. */
export interface Grant {
  id: string
  /** User or `group:<name>` the grant is for. */
  subject: string
  /** Rule ids (or slugs) waived while the grant is active. */
  rules: string[]
  /** Scope: only containers from this image reference, when set. */
  image?: string
  /** Scope: only the container with this name, when set. */
  container?: string
  reason: string
  createdBy: string
  createdAt: string
  expiresAt: string
  /** Set when another admin approved (two-person rule). */
  approvedBy?: string
  approvedAt?: string
  revokedAt?: string
  revokedBy?: string
}

export type GrantStatus = 'pending' | 'active' | 'expired' | 'revoked'

/** The status of a grant at `now`; `needsApproval` when the policy asks for a second admin. */
export function grantStatus(g: Grant, now: Date, needsApproval = false): GrantStatus {
  if (g.revokedAt !== undefined) return 'revoked'
  if (Date.parse(g.expiresAt) <= now.getTime()) return 'expired'
  if (needsApproval && g.approvedBy === undefined) return 'pending'
  return 'active'
}
