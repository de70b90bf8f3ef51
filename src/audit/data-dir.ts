import * as fs from 'node:fs'
import * as path from 'node:path'
import { AirlockError, errorMessage } from '../errors.js'

/** The audit database's file name inside the data dir. */
export const AUDIT_DB_FILE = 'audit.db'

/** The proxy's and the CLI's default data dir. */
export const DEFAULT_DATA_DIR = './.airlock'

/** `<dataDir>/audit.db`. */
export function auditDbPath(dataDir: string): string {
  return path.join(dataDir, AUDIT_DB_FILE)
}

/**
 * Makes the data dir (mode 0700) if it is missing and the audit database file (mode 0600) if it is
 * missing, and takes group and other permissions off an existing one. SQLite gives its -wal and -shm files the
 * database file's mode. Returns the database path. Throws `E_AUDIT_OPEN` when it cannot.
 *
 * @example prepareDataDir('/var/lib/airlock') // '/var/lib/airlock/audit.db'
 */
export function prepareDataDir(dataDir: string): string {
  const file = auditDbPath(dataDir)
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    fs.closeSync(fs.openSync(file, 'a', 0o600))
    const mode = fs.statSync(file).mode & 0o777
    if ((mode & 0o077) !== 0) fs.chmodSync(file, mode & 0o700)
  } catch (err) {
    throw new AirlockError('E_AUDIT_OPEN', `cannot prepare the audit log at ${file}: ${errorMessage(err)}`, {
      cause: err,
    })
  }
  return file
}
