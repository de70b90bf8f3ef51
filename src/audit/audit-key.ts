import { createHmac, randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { AirlockError } from '../errors.js'

/** The environment variable that holds the audit chain's HMAC key. */
export const AUDIT_KEY_ENV = 'AIRLOCK_AUDIT_KEY'
/** The key file in the data dir, created (mode 0600) when a new audit log is opened for writing. */
export const AUDIT_KEY_FILE = 'audit.key'
const MIN_KEY_CHARS = 32

/** An HMAC key for the hash chain and where it came from. */
export interface AuditKey {
  bytes: Buffer
  /** Short fingerprint stored with the log, so a wrong or missing key is reported as such. */
  id: string
  source: 'env' | 'file' | 'option'
}

/** How a store finds its key: `auto` (env, then key file), `none` (plain SHA-256), or the key itself. */
export type AuditKeyOption = 'auto' | 'none' | string | Uint8Array

/**
 * The fingerprint of a key: the first 16 hex digits of HMAC-SHA256(key, "airlock audit key id").
 * It identifies the key without revealing anything that helps forge a hash.
 *
 * @example auditKeyId(Buffer.from('x'.repeat(32))) // '…16 hex digits…'
 */
export function auditKeyId(bytes: Uint8Array): string {
  return createHmac('sha256', bytes).update('airlock audit key id').digest('hex').slice(0, 16)
}

function fromText(text: string, source: AuditKey['source'], where: string): AuditKey {
  const trimmed = text.trim()
  if (trimmed.length < MIN_KEY_CHARS) {
    throw new AirlockError('E_AUDIT_KEY', `${where}: an audit key needs at least ${MIN_KEY_CHARS} characters`)
  }
  const bytes = Buffer.from(trimmed, 'utf8')
  return { bytes, id: auditKeyId(bytes), source }
}

function readKeyFile(file: string): AuditKey | undefined {
  let stat: fs.Stats
  try {
    stat = fs.statSync(file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new AirlockError('E_AUDIT_KEY', `cannot read ${file}`, { cause: err })
  }
  if (!stat.isFile()) throw new AirlockError('E_AUDIT_KEY', `${file} is not a regular file`)
  if ((stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8)
    throw new AirlockError('E_AUDIT_KEY', `${file} is accessible to others (mode ${mode}); chmod 600 ${file}`)
  }
  try {
    return fromText(fs.readFileSync(file, 'utf8'), 'file', file)
  } catch (err) {
    if (err instanceof AirlockError) throw err
    throw new AirlockError('E_AUDIT_KEY', `cannot read ${file}`, { cause: err })
  }
}

function createKeyFile(file: string): AuditKey {
  try {
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new AirlockError('E_AUDIT_KEY', `cannot create ${file}`, { cause: err })
    }
  }
  const key = readKeyFile(file)
  if (!key) throw new AirlockError('E_AUDIT_KEY', `${file} vanished after it was created`)
  return key
}

/**
 * Resolves the audit key. `auto`: `AIRLOCK_AUDIT_KEY` if set, else `<dataDir>/audit.key` if it
 * exists, else — when `create` — a new random key written to `<dataDir>/audit.key` (mode 0600), else
 * no key. Key text shorter than 32 characters, or a key file others can read, is refused.
 *
 * @example resolveAuditKey('auto', '/var/lib/airlock', { create: true, env: process.env })
 */
export function resolveAuditKey(
  option: AuditKeyOption,
  dataDir: string,
  opts: { create: boolean; env: NodeJS.ProcessEnv },
): AuditKey | undefined {
  if (option === 'none') return undefined
  if (typeof option !== 'string') {
    if (option.length < MIN_KEY_CHARS) {
      throw new AirlockError('E_AUDIT_KEY', `an audit key needs at least ${MIN_KEY_CHARS} bytes`)
    }
    const bytes = Buffer.from(option)
    return { bytes, id: auditKeyId(bytes), source: 'option' }
  }
  if (option !== 'auto') return fromText(option, 'option', 'the key option')
  const fromEnv = opts.env[AUDIT_KEY_ENV]
  if (fromEnv !== undefined && fromEnv !== '') return fromText(fromEnv, 'env', AUDIT_KEY_ENV)
  const file = path.join(dataDir, AUDIT_KEY_FILE)
  return readKeyFile(file) ?? (opts.create ? createKeyFile(file) : undefined)
}
