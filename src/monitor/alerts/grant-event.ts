import type { Grant } from '../../model/grant.js'

/** Something the admin API did with a grant: the alert engine watches creations. */
export interface GrantEvent {
  action: 'created' | 'approved' | 'revoked'
  grant: Grant
  /** The admin who did it. */
  by: string
}
