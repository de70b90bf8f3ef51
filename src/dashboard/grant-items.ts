import { type Grant, grantStatus } from '../model/grant.js'
import type { GrantItem } from './api-types.js'

/**
 * A grant as the dashboard shows it: its status and the seconds left at `now`.
 *
 * @example grantItem(grant, new Date(), false).expiresInSeconds // 1740
 */
export function grantItem(g: Grant, now: Date, needsApproval: boolean): GrantItem {
  const status = grantStatus(g, now, needsApproval)
  const left = Math.max(0, Math.floor((Date.parse(g.expiresAt) - now.getTime()) / 1000))
  return {
    id: g.id,
    subject: g.subject,
    rules: [...g.rules],
    ...(g.image !== undefined && { image: g.image }),
    ...(g.container !== undefined && { container: g.container }),
    reason: g.reason,
    createdBy: g.createdBy,
    createdAt: g.createdAt,
    expiresAt: g.expiresAt,
    ...(g.approvedBy !== undefined && { approvedBy: g.approvedBy }),
    ...(g.revokedAt !== undefined && { revokedAt: g.revokedAt }),
    ...(g.revokedBy !== undefined && { revokedBy: g.revokedBy }),
    status,
    expiresInSeconds: status === 'active' || status === 'pending' ? left : 0,
  }
}
