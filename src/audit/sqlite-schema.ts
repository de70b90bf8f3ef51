import type Database from 'better-sqlite3'
import type { ChainHead } from './hash-chain.js'

/** The on-disk format; a store refuses a database with another. */
export const AUDIT_FORMAT_VERSION = 1

/**
 * One table of records and one row of metadata. `event` is the canonical JSON the chain hashes;
 * time, caller, decision and action_kind are indexed copies of its fields. `meta` holds the chain
 * head, updated in the same transaction as every append, so removing records from the end shows.
 */
export const AUDIT_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  caller TEXT NOT NULL,
  decision TEXT NOT NULL,
  action_kind TEXT NOT NULL,
  event TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS events_time ON events (time);
CREATE INDEX IF NOT EXISTS events_caller ON events (caller);
CREATE INDEX IF NOT EXISTS events_decision ON events (decision);
CREATE INDEX IF NOT EXISTS events_action_kind ON events (action_kind);
CREATE TABLE IF NOT EXISTS meta (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL,
  key_id TEXT NOT NULL,
  head_seq INTEGER NOT NULL,
  head_hash TEXT NOT NULL
) STRICT;
`

/** Selects an `AuditRow` (camel-cased columns). */
export const ROW_COLUMNS =
  'seq, time, caller, decision, action_kind AS actionKind, event, prev_hash AS prevHash, hash'

/** The metadata row. `keyId` is '' for a chain hashed without a key. */
export interface AuditMeta {
  version: number
  keyId: string
  head: ChainHead
}

/** Reads the metadata row; undefined when the database has none (new, or not an audit log). */
export function readMeta(db: Database.Database): AuditMeta | undefined {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get()
  if (!hasMeta) return undefined
  const row = db.prepare('SELECT version, key_id, head_seq, head_hash FROM meta WHERE id = 1').get() as
    | { version: number; key_id: string; head_seq: number; head_hash: string }
    | undefined
  if (!row) return undefined
  return { version: row.version, keyId: row.key_id, head: { seq: row.head_seq, hash: row.head_hash } }
}
