import { randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'
import { InputError } from '../errors.js'
import { type Grant, type GrantStatus, grantStatus } from '../model/grant.js'
import type { CheckedGrantRequest } from './grant-request.js'

/** A grant as stored, with when the proxy finished acting on its end. */
export interface GrantRecord extends Grant {
  /** Set once what was created under the grant was stopped, killed or flagged. */
  settledAt?: string
}

interface Row {
  id: string
  subject: string
  rules: string
  image: string | null
  container: string | null
  reason: string
  created_by: string
  created_at: string
  expires_at: string
  approved_by: string | null
  approved_at: string | null
  revoked_at: string | null
  revoked_by: string | null
  settled_at: string | null
}

function fromRow(r: Row): GrantRecord {
  const opt = (v: string | null) => v ?? undefined
  const g: GrantRecord = {
    id: r.id,
    subject: r.subject,
    rules: JSON.parse(r.rules) as string[],
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }
  const extra: Record<string, string | undefined> = {
    image: opt(r.image),
    container: opt(r.container),
    approvedBy: opt(r.approved_by),
    approvedAt: opt(r.approved_at),
    revokedAt: opt(r.revoked_at),
    revokedBy: opt(r.revoked_by),
    settledAt: opt(r.settled_at),
  }
  for (const [k, v] of Object.entries(extra))
    if (v !== undefined) (g as unknown as Record<string, string>)[k] = v
  return g
}

/**
 * Grants in the identity database: created, approved, revoked, and settled once the proxy acted on
 * their end. Status is computed (`grantStatus`), never stored.
 *
 * @example
 * const g = grants.create(checked, 'root')
 * grants.revoke(g.id, 'root')
 */
export class GrantStore {
  readonly #db: Database.Database

  constructor(db: Database.Database) {
    this.#db = db
  }

  create(req: CheckedGrantRequest, createdBy: string, now = new Date()): GrantRecord {
    const id = `g-${randomBytes(5).toString('hex')}`
    const expiresAt = new Date(now.getTime() + req.ttlSeconds * 1000).toISOString()
    this.#db
      .prepare(
        'INSERT INTO grants (id, subject, rules, image, container, reason, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        id,
        req.subject,
        JSON.stringify(req.rules),
        req.image ?? null,
        req.container ?? null,
        req.reason,
        createdBy,
        now.toISOString(),
        expiresAt,
      )
    return this.get(id) as GrantRecord
  }

  get(id: string): GrantRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM grants WHERE id = ?').get(id) as Row | undefined
    return row && fromRow(row)
  }

  /** Every grant, oldest first. */
  list(): GrantRecord[] {
    return (this.#db.prepare('SELECT * FROM grants ORDER BY created_at, id').all() as Row[]).map(fromRow)
  }

  /** Grants that are not settled: the ones that may still waive rules or need acting on. */
  unsettled(): GrantRecord[] {
    return (
      this.#db.prepare('SELECT * FROM grants WHERE settled_at IS NULL ORDER BY created_at, id').all() as Row[]
    ).map(fromRow)
  }

  #need(id: string): GrantRecord {
    const g = this.get(id)
    if (!g) throw new InputError(`no grant with id ${id}`)
    return g
  }

  /** Revokes a grant at once. Throws for an unknown grant; revoking an ended grant is refused. */
  revoke(id: string, by: string, now = new Date()): GrantRecord {
    const g = this.#need(id)
    if (g.revokedAt !== undefined) throw new InputError(`grant ${id} is already revoked`)
    this.#db
      .prepare('UPDATE grants SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL')
      .run(now.toISOString(), by, id)
    return this.#need(id)
  }

  /**
   * Approves a pending grant (two-person rule): the approver must not be the admin who created it,
   * and the grant must not have ended.
   */
  approve(id: string, by: string, now = new Date()): GrantRecord {
    const g = this.#need(id)
    const status = grantStatus(g, now, true)
    if (status !== 'pending') throw new InputError(`grant ${id} is ${status}, not pending`)
    if (by === g.createdBy) {
      throw new InputError(
        `grant ${id} was created by ${by}: another admin must approve it (two-person rule)`,
      )
    }
    this.#db
      .prepare('UPDATE grants SET approved_by = ?, approved_at = ? WHERE id = ? AND approved_by IS NULL')
      .run(by, now.toISOString(), id)
    return this.#need(id)
  }

  /** Records that the end of a grant was acted on. */
  settle(id: string, now = new Date()): void {
    this.#db
      .prepare('UPDATE grants SET settled_at = ? WHERE id = ? AND settled_at IS NULL')
      .run(now.toISOString(), id)
  }
}

/** A grant with its status, as `grant list` and the admin API show it. */
export interface GrantView extends GrantRecord {
  status: GrantStatus
}

/**
 * Adds the status at `now` to each grant.
 *
 * @example viewGrants(store.list(), new Date(), policy.grantApproval)[0]?.status // 'active'
 */
export function viewGrants(grants: readonly GrantRecord[], now: Date, needsApproval: boolean): GrantView[] {
  return grants.map((g) => ({ ...g, status: grantStatus(g, now, needsApproval) }))
}
