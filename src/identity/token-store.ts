import { createHash, randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'
import { InputError } from '../errors.js'
import { checkGroupName, checkUserName } from './names.js'

/** A bearer token as stored: never the token itself, only its SHA-256. */
export interface TokenRecord {
  id: string
  /** The user the token identifies. */
  name: string
  groups: string[]
  role?: string
  createdAt: string
  createdBy: string
  expiresAt?: string
  revokedAt?: string
  revokedBy?: string
}

/** What `create` needs. */
export interface NewToken {
  name: string
  groups?: readonly string[]
  role?: string
  /** Lifetime in seconds; none: until revoked. */
  ttlSeconds?: number
  createdBy: string
  /** Fixed id (the bootstrap admin token); default random. */
  id?: string
}

interface Row {
  id: string
  name: string
  groups: string
  role: string | null
  created_at: string
  created_by: string
  expires_at: string | null
  revoked_at: string | null
  revoked_by: string | null
}

/** Tokens start with this, so they are recognisable in logs and secret scanners. */
export const TOKEN_PREFIX = 'alk_'

/**
 * The SHA-256 (hex) a token is stored and looked up by.
 *
 * @example hashToken('alk_x').length // 64
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** A new token: the prefix and 256 random bits, base64url. */
export function newTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url')
}

function fromRow(r: Row): TokenRecord {
  return {
    id: r.id,
    name: r.name,
    groups: JSON.parse(r.groups) as string[],
    ...(r.role !== null && { role: r.role }),
    createdAt: r.created_at,
    createdBy: r.created_by,
    ...(r.expires_at !== null && { expiresAt: r.expires_at }),
    ...(r.revoked_at !== null && { revokedAt: r.revoked_at }),
    ...(r.revoked_by !== null && { revokedBy: r.revoked_by }),
  }
}

/**
 * Bearer tokens in the identity database. A token is shown once, at creation; only its hash is
 * kept. Lookups read the database every time, so a revocation from another process (the CLI on the
 * data dir) applies to the very next request.
 *
 * @example
 * const { token } = tokens.create({ name: 'alice', groups: ['dev'], createdBy: 'root' })
 * tokens.verify(token)?.name // 'alice'
 */
export class TokenStore {
  readonly #db: Database.Database

  constructor(db: Database.Database) {
    this.#db = db
  }

  /** Creates a token; returns it (the only time it is visible) with its record. */
  create(t: NewToken, now = new Date(), secret = newTokenSecret()): { token: string; record: TokenRecord } {
    checkUserName(t.name)
    for (const g of t.groups ?? []) checkGroupName(g)
    if (t.ttlSeconds !== undefined && !(t.ttlSeconds > 0))
      throw new InputError('a token TTL must be positive')
    const record: TokenRecord = {
      id: t.id ?? randomBytes(6).toString('hex'),
      name: t.name,
      groups: [...(t.groups ?? [])],
      ...(t.role !== undefined && { role: t.role }),
      createdAt: now.toISOString(),
      createdBy: t.createdBy,
      ...(t.ttlSeconds !== undefined && {
        expiresAt: new Date(now.getTime() + t.ttlSeconds * 1000).toISOString(),
      }),
    }
    this.#db
      .prepare(
        'INSERT INTO tokens (id, name, hash, groups, role, created_at, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        record.id,
        record.name,
        hashToken(secret),
        JSON.stringify(record.groups),
        record.role ?? null,
        record.createdAt,
        record.createdBy,
        record.expiresAt ?? null,
      )
    return { token: secret, record }
  }

  /** The record of a valid (known, not revoked, not expired) token, or undefined. */
  verify(token: string, now = new Date()): TokenRecord | undefined {
    if (!token.startsWith(TOKEN_PREFIX)) return undefined
    const row = this.#db.prepare('SELECT * FROM tokens WHERE hash = ?').get(hashToken(token)) as
      | Row
      | undefined
    if (!row || row.revoked_at !== null) return undefined
    if (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime()) return undefined
    return fromRow(row)
  }

  /** Whether a token with this hash is registered (valid or not). */
  hasHash(hash: string): boolean {
    return this.#db.prepare('SELECT 1 FROM tokens WHERE hash = ?').get(hash) !== undefined
  }

  get(id: string): TokenRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM tokens WHERE id = ?').get(id) as Row | undefined
    return row && fromRow(row)
  }

  list(): TokenRecord[] {
    return (this.#db.prepare('SELECT * FROM tokens ORDER BY created_at, id').all() as Row[]).map(fromRow)
  }

  /** Revokes a token by id; throws InputError for an unknown id. Revoking twice is a no-op. */
  revoke(id: string, by: string, now = new Date()): TokenRecord {
    const res = this.#db
      .prepare('UPDATE tokens SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL')
      .run(now.toISOString(), by, id)
    const rec = this.get(id)
    if (!rec) throw new InputError(`no token with id ${id}`)
    if (res.changes === 0 && rec.revokedAt === undefined) throw new InputError(`token ${id} was not revoked`)
    return rec
  }

  /** Removes a token record (used to replace the bootstrap admin token). */
  remove(id: string): void {
    this.#db.prepare('DELETE FROM tokens WHERE id = ?').run(id)
  }
}
