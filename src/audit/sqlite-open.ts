import * as fs from 'node:fs'
import Database from 'better-sqlite3'
import { AirlockError, errorMessage } from '../errors.js'
import { type AuditKey, type AuditKeyOption, resolveAuditKey } from './audit-key.js'
import { auditDbPath, prepareDataDir } from './data-dir.js'
import { type ChainHead, GENESIS_HASH } from './hash-chain.js'
import { AUDIT_FORMAT_VERSION, AUDIT_SCHEMA, type AuditMeta, readMeta } from './sqlite-schema.js'

/** What opening needs to know. */
export interface OpenOptions {
  dataDir: string
  readonly: boolean
  synchronous: 'FULL' | 'NORMAL'
  key: AuditKeyOption
  env: NodeJS.ProcessEnv
  busyTimeoutMs: number
}

/** An open database with its chain state. `keyProblem` is set (readers only) when verify cannot run. */
export interface OpenedDb {
  db: Database.Database
  file: string
  key: AuditKey | undefined
  keyProblem: string | undefined
  head: ChainHead
}

function keyProblem(meta: AuditMeta, key: AuditKey | undefined, dataDir: string): string | undefined {
  if (meta.keyId === (key?.id ?? '')) return undefined
  if (meta.keyId === '') {
    return `the audit log was written without a key, but a key is configured (${key?.source}): remove it, or the log was rewritten`
  }
  if (!key) {
    return `the audit log is keyed (key id ${meta.keyId}) and no key was found: set AIRLOCK_AUDIT_KEY or make ${dataDir}/audit.key readable`
  }
  return `the audit log is keyed with key id ${meta.keyId}, but the key from ${key.source} has id ${key.id}`
}

function checkVersion(meta: AuditMeta | undefined, file: string): AuditMeta {
  if (!meta) throw new AirlockError('E_AUDIT_FORMAT', `${file} is not an Airlock audit log (no metadata)`)
  if (meta.version !== AUDIT_FORMAT_VERSION) {
    throw new AirlockError(
      'E_AUDIT_FORMAT',
      `${file}: audit format ${meta.version}, expected ${AUDIT_FORMAT_VERSION}`,
    )
  }
  return meta
}

function initWriter(db: Database.Database, file: string, o: OpenOptions): Omit<OpenedDb, 'db' | 'file'> {
  const mode = db.pragma('journal_mode = WAL', { simple: true })
  if (mode !== 'wal')
    throw new AirlockError('E_AUDIT_OPEN', `${file}: cannot use WAL journaling (got ${String(mode)})`)
  db.pragma(`synchronous = ${o.synchronous}`)
  const init = db.transaction(() => {
    db.exec(AUDIT_SCHEMA)
    const found = readMeta(db)
    if (!found) {
      if (db.prepare('SELECT 1 FROM events LIMIT 1').get()) {
        throw new AirlockError(
          'E_AUDIT_INTEGRITY',
          `${file}: records without a chain head; run airlock audit verify`,
        )
      }
      const key = resolveAuditKey(o.key, o.dataDir, { create: true, env: o.env })
      db.prepare('INSERT INTO meta (id, version, key_id, head_seq, head_hash) VALUES (1, ?, ?, 0, ?)').run(
        AUDIT_FORMAT_VERSION,
        key?.id ?? '',
        GENESIS_HASH,
      )
      return { key, keyProblem: undefined, head: { seq: 0, hash: GENESIS_HASH } }
    }
    const meta = checkVersion(found, file)
    const key = resolveAuditKey(o.key, o.dataDir, { create: false, env: o.env })
    const problem = keyProblem(meta, key, o.dataDir)
    if (problem) throw new AirlockError('E_AUDIT_KEY', `${file}: ${problem}`)
    const last = db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get() as
      | ChainHead
      | undefined
    if ((last?.seq ?? 0) !== meta.head.seq || (last?.hash ?? GENESIS_HASH) !== meta.head.hash) {
      throw new AirlockError(
        'E_AUDIT_INTEGRITY',
        `${file}: the last record (${last?.seq ?? 0}) is not the chain head (${meta.head.seq}); run airlock audit verify`,
      )
    }
    return { key, keyProblem: undefined, head: meta.head }
  })
  return init.immediate()
}

function initReader(db: Database.Database, file: string, o: OpenOptions): Omit<OpenedDb, 'db' | 'file'> {
  const meta = checkVersion(readMeta(db), file)
  try {
    const key = resolveAuditKey(o.key, o.dataDir, { create: false, env: o.env })
    return { key, keyProblem: keyProblem(meta, key, o.dataDir), head: meta.head }
  } catch (err) {
    return { key: undefined, keyProblem: errorMessage(err), head: meta.head }
  }
}

/**
 * Opens `<dataDir>/audit.db`. A writer creates the data dir (0700), the file (0600), the schema and,
 * for a new log with key `auto`, the key file; it refuses a log whose key or head does not match. A
 * reader needs an existing log (`E_AUDIT_NOT_FOUND` otherwise) and never writes.
 *
 * @example openAuditDb({ dataDir: '.airlock', readonly: true, synchronous: 'FULL', key: 'auto', env: process.env, busyTimeoutMs: 1000 })
 */
export function openAuditDb(o: OpenOptions): OpenedDb {
  const file = o.readonly ? auditDbPath(o.dataDir) : prepareDataDir(o.dataDir)
  if (o.readonly && !fs.existsSync(file)) {
    const what = fs.existsSync(o.dataDir) ? `no audit log at ${file}` : `no data dir at ${o.dataDir}`
    throw new AirlockError(
      'E_AUDIT_NOT_FOUND',
      `${what} (the proxy creates it on first start; is --data right?)`,
    )
  }
  let db: Database.Database
  try {
    db = new Database(file, { readonly: o.readonly, fileMustExist: true, timeout: o.busyTimeoutMs })
  } catch (err) {
    throw new AirlockError('E_AUDIT_OPEN', `cannot open the audit log ${file}: ${errorMessage(err)}`, {
      cause: err,
    })
  }
  try {
    const state = o.readonly ? initReader(db, file, o) : initWriter(db, file, o)
    return { db, file, ...state }
  } catch (err) {
    db.close()
    if (err instanceof AirlockError) throw err
    throw new AirlockError('E_AUDIT_OPEN', `cannot open the audit log ${file}: ${errorMessage(err)}`, {
      cause: err,
    })
  }
}
