import * as fs from 'node:fs'
import * as path from 'node:path'
import Database from 'better-sqlite3'
import { AirlockError, errorMessage } from '../errors.js'

/** The identity database's file name inside the data dir (tokens, grants). */
export const IDENTITY_DB_FILE = 'identity.db'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  groups TEXT NOT NULL,
  role TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT,
  revoked_by TEXT
) STRICT;
CREATE TABLE IF NOT EXISTS grants (
  id TEXT PRIMARY KEY,
  subject TEXT NOT NULL,
  rules TEXT NOT NULL,
  image TEXT,
  container TEXT,
  reason TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  approved_by TEXT,
  approved_at TEXT,
  revoked_at TEXT,
  revoked_by TEXT,
  settled_at TEXT
) STRICT;
`

/**
 * Opens (creating when missing) `<dataDir>/identity.db`: the data dir with mode 0700, the file with
 * mode 0600, WAL journaling so the proxy and the CLI can both use it, and the schema. Throws
 * `E_IDENTITY_OPEN` when it cannot.
 *
 * @example const db = openIdentityDb('/var/lib/airlock')
 */
export function openIdentityDb(dataDir: string): Database.Database {
  const file = path.join(dataDir, IDENTITY_DB_FILE)
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    fs.closeSync(fs.openSync(file, 'a', 0o600))
    const mode = fs.statSync(file).mode & 0o777
    if ((mode & 0o077) !== 0) fs.chmodSync(file, mode & 0o700)
    const db = new Database(file, { fileMustExist: true, timeout: 2000 })
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.exec(SCHEMA)
    return db
  } catch (err) {
    throw new AirlockError('E_IDENTITY_OPEN', `cannot open ${file}: ${errorMessage(err)}`, { cause: err })
  }
}
