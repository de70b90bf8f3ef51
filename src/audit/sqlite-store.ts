import type Database from 'better-sqlite3'
import { AirlockError, errorMessage, InputError } from '../errors.js'
import { AuditEvent, type AuditEventInput } from './audit-event.js'
import type { AuditKey, AuditKeyOption } from './audit-key.js'
import { type AuditRow, indexColumns } from './audit-row.js'
import type { AuditQuery, AuditStore, StoredEvent, VerifyResult } from './audit-store.js'
import { canonicalJson } from './canonical-json.js'
import { DeferredQueue } from './deferred-queue.js'
import { type ChainHead, chainHash } from './hash-chain.js'
import { openAuditDb } from './sqlite-open.js'
import { buildQuery } from './sqlite-query.js'
import { ROW_COLUMNS, readMeta } from './sqlite-schema.js'
import { verifyChain } from './verify-chain.js'

/** Options of `SqliteStore.open`. Only `dataDir` is required. */
export interface SqliteStoreOptions {
  /** Holds `audit.db` (and `audit.key`). Created with mode 0700 by a writer. */
  dataDir: string
  /** Open for reading only (CLI, dashboard): no schema changes, no key file, `append` throws. */
  readonly?: boolean
  /** `FULL` (default): each append is fsynced before it returns. `NORMAL`: see src/audit/README.md. */
  synchronous?: 'FULL' | 'NORMAL'
  /** HMAC key: `auto` (default: AIRLOCK_AUDIT_KEY, else `<dataDir>/audit.key`, created for a new log), `none`, or the key. */
  key?: AuditKeyOption
  /** Environment `auto` reads AIRLOCK_AUDIT_KEY from (default `process.env`). */
  env?: NodeJS.ProcessEnv
  /** How long an append waits for a lock held by another connection (default 1000 ms). */
  busyTimeoutMs?: number
  /** Deferred events are written at least this often (default 5 ms)… */
  deferFlushMs?: number
  /** …or as soon as this many wait (default 256). */
  deferMaxBatch?: number
  /** While writes fail, at most this many deferred events are held (default 10 000); then appendDeferred throws. */
  deferMaxPending?: number
  /** Told when a background flush fails (default: a process warning). The events stay queued. */
  onDeferredError?: (err: unknown) => void
}

interface Prepared {
  event: AuditEvent
  text: string
}

type InsertAll = (items: readonly Prepared[], head: ChainHead) => { out: StoredEvent[]; head: ChainHead }

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback
  if (!Number.isSafeInteger(v) || v < 1)
    throw new AirlockError('E_AUDIT_OPTIONS', `${name} must be a positive integer`)
  return v
}

function writeError(file: string, err: unknown): AirlockError {
  return new AirlockError('E_AUDIT_WRITE', `cannot write the audit log ${file}: ${errorMessage(err)}`, {
    cause: err,
  })
}

/**
 * The audit store on SQLite (better-sqlite3): `<dataDir>/audit.db` in WAL mode, one writer process,
 * any number of read-only readers. See `AuditStore` for the contract.
 *
 * @example
 * const store = SqliteStore.open({ dataDir: '/var/lib/airlock' })
 * store.append({ time: new Date().toISOString(), caller, listener: 'unix', method: 'POST', path, actionKind: 'container.create', decision: 'allow', status: 201, durationMs: 3, requestId })
 * store.close()
 */
export class SqliteStore implements AuditStore {
  readonly file: string
  readonly readonly: boolean
  readonly #db: Database.Database
  readonly #key: AuditKey | undefined
  readonly #keyProblem: string | undefined
  readonly #queue: DeferredQueue<Prepared>
  readonly #synchronous: 'FULL' | 'NORMAL'
  readonly #queries = new Map<string, Database.Statement>()
  readonly #insert: Database.Statement | undefined
  readonly #setHead: Database.Statement | undefined
  readonly #tx: Database.Transaction<InsertAll> | undefined
  readonly #byseq: Database.Statement
  readonly #last: Database.Statement
  #head: ChainHead
  #closed = false

  private constructor(options: SqliteStoreOptions) {
    const synchronous = options.synchronous ?? 'FULL'
    if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
      throw new AirlockError(
        'E_AUDIT_OPTIONS',
        `synchronous must be FULL or NORMAL, not ${String(synchronous)}`,
      )
    }
    if (typeof options.dataDir !== 'string' || options.dataDir === '') {
      throw new AirlockError('E_AUDIT_OPTIONS', 'dataDir must be a directory path')
    }
    const busyTimeoutMs = positiveInt(options.busyTimeoutMs, 1000, 'busyTimeoutMs')
    const onError =
      options.onDeferredError ??
      ((err: unknown) => process.emitWarning(`audit: deferred write failed: ${errorMessage(err)}`))
    this.#queue = new DeferredQueue<Prepared>({
      write: (items) => this.#writeRelaxed(items),
      flushMs: positiveInt(options.deferFlushMs, 5, 'deferFlushMs'),
      maxBatch: positiveInt(options.deferMaxBatch, 256, 'deferMaxBatch'),
      maxPending: positiveInt(options.deferMaxPending, 10_000, 'deferMaxPending'),
      onError,
    })
    this.readonly = options.readonly ?? false
    this.#synchronous = synchronous
    const opened = openAuditDb({
      dataDir: options.dataDir,
      readonly: this.readonly,
      synchronous,
      key: options.key ?? 'auto',
      env: options.env ?? process.env,
      busyTimeoutMs,
    })
    this.file = opened.file
    this.#db = opened.db
    this.#key = opened.key
    this.#keyProblem = opened.keyProblem
    this.#head = opened.head
    const db = this.#db
    if (!this.readonly) {
      this.#insert = db.prepare(
        'INSERT INTO events (seq, time, caller, decision, action_kind, event, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      this.#setHead = db.prepare('UPDATE meta SET head_seq = ?, head_hash = ? WHERE id = 1')
      this.#tx = db.transaction<InsertAll>((items, head) => this.#insertAll(items, head))
    }
    this.#byseq = db.prepare(`SELECT ${ROW_COLUMNS} FROM events WHERE seq = ?`)
    this.#last = db.prepare(`SELECT ${ROW_COLUMNS} FROM events ORDER BY seq DESC LIMIT ?`)
  }

  /** Opens (a writer creates) the audit log in `options.dataDir`. Throws `AirlockError` (`E_AUDIT_*`). */
  static open(options: SqliteStoreOptions): SqliteStore {
    return new SqliteStore(options)
  }

  append(event: AuditEventInput): StoredEvent {
    return this.#appendNow([this.#prepare(event)])[0]!
  }

  appendBatch(events: readonly AuditEventInput[]): StoredEvent[] {
    return this.#appendNow(events.map((e) => this.#prepare(e)))
  }

  appendDeferred(event: AuditEventInput): void {
    this.#writable()
    this.#queue.push(this.#prepare(event))
  }

  flush(): void {
    this.#writable()
    this.#queue.flush()
  }

  /** The connection's current fsync mode (`FULL` for durable appends; deferred batches use `NORMAL`). */
  synchronousMode(): 'FULL' | 'NORMAL' | 'OFF' | 'EXTRA' {
    const n = Number(this.#db.pragma('synchronous', { simple: true }))
    return (['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const)[n] ?? 'FULL'
  }

  /** Test hook: called inside each deferred batch write, before its transaction. */
  onDeferredWrite: (() => void) | undefined

  get(seq: number): StoredEvent | undefined {
    const row = this.#read(() => this.#byseq.get(seq) as AuditRow | undefined)
    return row && this.#toStored(row)
  }

  query(q: AuditQuery = {}): StoredEvent[] {
    const { shape, sql, params } = buildQuery(q)
    return this.#read(() => {
      let stmt = this.#queries.get(shape)
      if (!stmt) {
        stmt = this.#db.prepare(sql)
        this.#queries.set(shape, stmt)
      }
      return stmt.all(...params) as AuditRow[]
    }).map((r) => this.#toStored(r))
  }

  tail(n: number): StoredEvent[] {
    if (!Number.isSafeInteger(n) || n < 0) throw new InputError('tail: n must be an integer ≥ 0')
    if (n === 0) return []
    return this.#read(() => this.#last.all(n) as AuditRow[])
      .reverse()
      .map((r) => this.#toStored(r))
  }

  *iterate(fromSeq = 1): Generator<StoredEvent, void, undefined> {
    let after = Math.max(0, fromSeq - 1)
    for (;;) {
      const page = this.query({ afterSeq: after, limit: 512 })
      yield* page
      const last = page.at(-1)
      if (!last || page.length < 512) return
      after = last.seq
    }
  }

  verify(): VerifyResult {
    const db = this.#read(() => this.#db)
    if (this.#keyProblem) throw new AirlockError('E_AUDIT_KEY', `${this.file}: ${this.#keyProblem}`)
    if (!this.readonly) this.flush()
    // One read transaction: the head and the rows are the same snapshot while the writer goes on.
    return db.transaction(() => {
      const head = readMeta(db)?.head
      const rows = db
        .prepare(`SELECT ${ROW_COLUMNS} FROM events ORDER BY seq`)
        .iterate() as Iterable<AuditRow>
      return verifyChain(rows, head, this.#key?.bytes)
    })()
  }

  head(): ChainHead | undefined {
    const head = this.readonly ? this.#read(() => readMeta(this.#db)?.head) : this.#head
    return head && head.seq > 0 ? { ...head } : undefined
  }

  close(): void {
    if (this.#closed) return
    try {
      if (!this.readonly) this.#queue.flush()
    } finally {
      this.#queue.clear()
      this.#closed = true
      this.#db.close()
    }
  }

  #prepare(input: AuditEventInput): Prepared {
    const parsed = AuditEvent.safeParse(input)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.join('.') || 'event'
      throw new AirlockError('E_AUDIT_WRITE', `invalid audit event: ${where}: ${issue?.message}`, {
        cause: parsed.error,
      })
    }
    try {
      return { event: parsed.data, text: canonicalJson(parsed.data) }
    } catch (err) {
      throw new AirlockError('E_AUDIT_WRITE', `invalid audit event: ${errorMessage(err)}`, { cause: err })
    }
  }

  #writable(): void {
    if (this.#closed) throw new AirlockError('E_AUDIT_WRITE', `the audit log ${this.file} is closed`)
    if (this.readonly) throw new AirlockError('E_AUDIT_WRITE', `the audit log ${this.file} is open read-only`)
  }

  /** Writes what is deferred, then `items`, in one transaction. */
  #appendNow(items: Prepared[]): StoredEvent[] {
    this.#writable()
    const pending = this.#queue.pending
    const stored = this.#write(pending.length ? [...pending, ...items] : items)
    this.#queue.clear()
    return stored.slice(stored.length - items.length)
  }

  /**
   * Deferred batches (reads) commit without an fsync of their own (WAL, synchronous=NORMAL): they
   * become durable with the next synchronous append or checkpoint, and never stall the event loop
   * on the disk. Synchronous appends keep the configured mode.
   */
  #writeRelaxed(items: readonly Prepared[]): StoredEvent[] {
    if (this.#synchronous !== 'FULL') return this.#write(items)
    this.#db.pragma('synchronous = NORMAL')
    try {
      this.onDeferredWrite?.()
      return this.#write(items)
    } finally {
      this.#db.pragma('synchronous = FULL')
    }
  }

  #write(items: readonly Prepared[]): StoredEvent[] {
    this.#writable()
    if (items.length === 0) return []
    let written: { out: StoredEvent[]; head: ChainHead }
    try {
      written = this.#tx!.immediate(items, this.#head)
    } catch (err) {
      throw writeError(this.file, err)
    }
    this.#head = written.head
    return written.out
  }

  /** Inserts `items` after `head` and moves the stored head, in the caller's transaction. */
  #insertAll(items: readonly Prepared[], head: ChainHead): { out: StoredEvent[]; head: ChainHead } {
    let { seq, hash } = head
    const out: StoredEvent[] = []
    for (const { event, text } of items) {
      const prevHash = hash
      seq += 1
      hash = chainHash(prevHash, seq, Buffer.from(text, 'utf8'), this.#key?.bytes)
      const c = indexColumns(event)
      this.#insert!.run(seq, c.time, c.caller, c.decision, c.actionKind, text, prevHash, hash)
      out.push({ seq, ...event, prevHash, hash })
    }
    this.#setHead!.run(seq, hash)
    return { out, head: { seq, hash } }
  }

  #read<T>(fn: () => T): T {
    if (this.#closed) throw new AirlockError('E_AUDIT_READ', `the audit log ${this.file} is closed`)
    return fn()
  }

  #toStored(row: AuditRow): StoredEvent {
    let event: AuditEvent
    try {
      event = JSON.parse(row.event) as AuditEvent
    } catch (err) {
      throw new AirlockError('E_AUDIT_READ', `record ${row.seq} is not JSON: run airlock audit verify`, {
        cause: err,
      })
    }
    return { seq: row.seq, ...event, prevHash: row.prevHash, hash: row.hash }
  }
}
