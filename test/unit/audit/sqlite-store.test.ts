import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import Database from 'better-sqlite3'
import { SqliteStore, type SqliteStoreOptions } from '../../../src/audit/sqlite-store.js'
import { AirlockError } from '../../../src/errors.js'
import { cleanEnv, sampleEvent, tempDir } from './fixtures.js'
import { auditStoreContract } from './store-contract.js'

const code = (c: string) => (err: unknown) => err instanceof AirlockError && err.code === c
const open = (dataDir: string, o: Partial<SqliteStoreOptions> = {}) =>
  SqliteStore.open({ dataDir, env: cleanEnv(), ...o })
const mode = (p: string) => fs.statSync(p).mode & 0o777

auditStoreContract('SqliteStore', () => open(path.join(tempDir(), 'data')))
auditStoreContract('SqliteStore (NORMAL, unkeyed)', () =>
  open(path.join(tempDir(), 'data'), { synchronous: 'NORMAL', key: 'none' }),
)

describe('SqliteStore: files and settings', () => {
  it('creates the data dir 0700, the db 0600 and a 0600 key, in WAL mode with synchronous FULL', () => {
    const dir = path.join(tempDir(), 'nested', 'data')
    const s = open(dir)
    s.append(sampleEvent(0))
    assert.equal(mode(dir), 0o700)
    assert.equal(mode(path.join(dir, 'audit.db')), 0o600)
    assert.equal(mode(path.join(dir, 'audit.db-wal')), 0o600)
    assert.equal(mode(path.join(dir, 'audit.key')), 0o600)
    s.close()
    const db = new Database(path.join(dir, 'audit.db'), { readonly: true })
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal')
    assert.equal((db.prepare('SELECT key_id FROM meta').get() as { key_id: string }).key_id.length, 16)
    db.close()
  })

  it('tightens an existing db file to 0600', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'audit.db'), '', { mode: 0o644 })
    fs.chmodSync(path.join(dir, 'audit.db'), 0o644)
    open(dir).close()
    assert.equal(mode(path.join(dir, 'audit.db')), 0o600)
  })

  it('does not create a key file for key none, and records the chain as unkeyed', () => {
    const dir = tempDir()
    open(dir, { key: 'none' }).close()
    assert.equal(fs.existsSync(path.join(dir, 'audit.key')), false)
  })

  it('validates its options before touching the disk', () => {
    const dir = path.join(tempDir(), 'data')
    assert.throws(() => open(dir, { busyTimeoutMs: 0 }), code('E_AUDIT_OPTIONS'))
    assert.throws(() => open(dir, { deferMaxBatch: 1.5 }), code('E_AUDIT_OPTIONS'))
    assert.throws(() => open(dir, { synchronous: 'OFF' as 'FULL' }), code('E_AUDIT_OPTIONS'))
    assert.throws(() => open(''), code('E_AUDIT_OPTIONS'))
    assert.equal(fs.existsSync(dir), false)
  })
})

describe('SqliteStore: reopening', () => {
  it('continues the chain where it stopped', () => {
    const dir = tempDir()
    const a = open(dir)
    a.append(sampleEvent(0))
    a.appendDeferred(sampleEvent(1))
    a.close()
    const b = open(dir)
    assert.equal(b.head()?.seq, 2)
    assert.equal(b.append(sampleEvent(2)).seq, 3)
    assert.deepEqual(b.verify(), { ok: true, count: 3, head: b.head() })
    b.close()
  })

  it('refuses to write after a log whose head is not its last record', () => {
    const dir = tempDir()
    const s = open(dir)
    for (let i = 0; i < 3; i++) s.append(sampleEvent(i))
    s.close()
    const db = new Database(path.join(dir, 'audit.db'))
    db.prepare('DELETE FROM events WHERE seq = 3').run()
    db.close()
    assert.throws(() => open(dir), code('E_AUDIT_INTEGRITY'))
  })

  it('refuses a log keyed with another key, or missing its key', () => {
    const dir = tempDir()
    const s = open(dir, { env: cleanEnv({ AIRLOCK_AUDIT_KEY: 'a'.repeat(32) }) })
    s.append(sampleEvent(0))
    s.close()
    assert.throws(
      () => open(dir, { env: cleanEnv({ AIRLOCK_AUDIT_KEY: 'b'.repeat(32) }) }),
      code('E_AUDIT_KEY'),
    )
    assert.throws(() => open(dir), code('E_AUDIT_KEY'))
    assert.equal(fs.existsSync(path.join(dir, 'audit.key')), false)
  })

  it('refuses an unkeyed log once a key is configured', () => {
    const dir = tempDir()
    open(dir, { key: 'none' }).close()
    assert.throws(() => open(dir, { key: 'k'.repeat(32) }), code('E_AUDIT_KEY'))
  })
})

describe('SqliteStore: readers', () => {
  it('reads and verifies while the writer appends, and cannot write', () => {
    const dir = tempDir()
    const writer = open(dir)
    writer.append(sampleEvent(0))
    const reader = open(dir, { readonly: true })
    assert.equal(reader.tail(5).length, 1)
    writer.append(sampleEvent(1))
    assert.deepEqual(reader.head(), writer.head())
    assert.equal(reader.query({ afterSeq: 1 })[0]?.seq, 2)
    assert.deepEqual(reader.verify(), { ok: true, count: 2, head: writer.head() })
    assert.throws(() => reader.append(sampleEvent(2)), code('E_AUDIT_WRITE'))
    assert.throws(() => reader.appendDeferred(sampleEvent(2)), code('E_AUDIT_WRITE'))
    reader.close()
    writer.close()
  })

  it('reads a keyed log without the key, but will not verify it', () => {
    const dir = tempDir()
    const writer = open(dir)
    writer.append(sampleEvent(0))
    writer.close()
    fs.renameSync(path.join(dir, 'audit.key'), path.join(tempDir(), 'moved.key'))
    const reader = open(dir, { readonly: true })
    assert.equal(reader.get(1)?.requestId, sampleEvent(0).requestId)
    assert.throws(() => reader.verify(), code('E_AUDIT_KEY'))
    reader.close()
  })

  it('reports a missing data dir or db as E_AUDIT_NOT_FOUND and creates nothing', () => {
    const dir = path.join(tempDir(), 'absent')
    assert.throws(() => open(dir, { readonly: true }), /no data dir/)
    fs.mkdirSync(dir)
    assert.throws(() => open(dir, { readonly: true }), code('E_AUDIT_NOT_FOUND'))
    assert.deepEqual(fs.readdirSync(dir), [])
  })

  it('refuses a file that is not an audit log', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'audit.db'), 'hello, not sqlite at all, just text that is long enough')
    assert.throws(() => open(dir, { readonly: true }), code('E_AUDIT_OPEN'))
    const other = tempDir()
    const db = new Database(path.join(other, 'audit.db'))
    db.exec('CREATE TABLE t (x INTEGER)')
    db.close()
    assert.throws(() => open(other, { readonly: true }), code('E_AUDIT_FORMAT'))
  })
})

describe('SqliteStore: fails closed', () => {
  it('throws E_AUDIT_WRITE while another connection holds the write lock, then recovers', () => {
    const dir = tempDir()
    const s = open(dir, { busyTimeoutMs: 20 })
    s.append(sampleEvent(0))
    const other = new Database(path.join(dir, 'audit.db'))
    other.exec('BEGIN IMMEDIATE')
    assert.throws(
      () => s.append(sampleEvent(1)),
      (err: unknown) => code('E_AUDIT_WRITE')(err) && /locked|busy/i.test(String(err)),
    )
    assert.equal(s.head()?.seq, 1)
    other.exec('ROLLBACK')
    other.close()
    assert.equal(s.append(sampleEvent(1)).seq, 2)
    assert.equal(s.verify().ok, true)
    s.close()
  })

  it('throws E_AUDIT_WRITE when the database refuses the insert, and leaves the chain intact', () => {
    const dir = tempDir()
    const s = open(dir)
    s.append(sampleEvent(0))
    const other = new Database(path.join(dir, 'audit.db'))
    other.exec(
      "CREATE TRIGGER full BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
    )
    assert.throws(() => s.append(sampleEvent(1)), code('E_AUDIT_WRITE'))
    assert.throws(() => s.appendBatch([sampleEvent(1), sampleEvent(2)]), code('E_AUDIT_WRITE'))
    other.exec('DROP TRIGGER full')
    other.close()
    assert.equal(s.append(sampleEvent(1)).seq, 2)
    assert.deepEqual(s.verify(), { ok: true, count: 2, head: s.head() })
    s.close()
  })

  it('will not open a read-only database file for writing', () => {
    const dir = tempDir()
    const s = open(dir, { key: 'none' })
    s.append(sampleEvent(0))
    s.close()
    fs.chmodSync(path.join(dir, 'audit.db'), 0o400)
    // Root ignores file modes: try as nobody.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}
    if (asNobody.uid !== undefined) {
      for (const p of [dir, ...fs.readdirSync(dir).map((f) => path.join(dir, f))])
        fs.chownSync(p, 65534, 65534)
    }
    const storeUrl = new URL('../../../src/audit/sqlite-store.js', import.meta.url).href
    const script = `const { SqliteStore } = await import(${JSON.stringify(storeUrl)})
      try { SqliteStore.open({ dataDir: ${JSON.stringify(dir)}, key: 'none' }); console.log('opened') }
      catch (err) { console.log(err.code) }`
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      ...asNobody,
      encoding: 'utf8',
    })
    assert.equal(child.stdout.trim(), 'E_AUDIT_OPEN', child.stderr)
  })

  it('does not let a second writer fork the chain', () => {
    const dir = tempDir()
    const a = open(dir)
    const b = open(dir)
    a.append(sampleEvent(0))
    assert.throws(() => b.append(sampleEvent(1)), code('E_AUDIT_WRITE'))
    assert.equal(a.append(sampleEvent(2)).seq, 2)
    assert.deepEqual(a.verify(), { ok: true, count: 2, head: a.head() })
    b.close()
    a.close()
  })

  it('keeps deferred events while writes fail, makes append fail, and writes them in order later', async () => {
    const dir = tempDir()
    const errors: unknown[] = []
    const s = open(dir, { deferFlushMs: 2, onDeferredError: (e) => errors.push(e) })
    s.append(sampleEvent(0))
    const other = new Database(path.join(dir, 'audit.db'))
    other.exec("CREATE TRIGGER full BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    s.appendDeferred(sampleEvent(1))
    s.appendDeferred(sampleEvent(2))
    await sleep(30)
    assert.ok(errors.length > 0 && code('E_AUDIT_WRITE')(errors[0]))
    assert.throws(() => s.append(sampleEvent(3)), code('E_AUDIT_WRITE'))
    assert.equal(s.head()?.seq, 1)
    other.exec('DROP TRIGGER full')
    other.close()
    assert.equal(s.append(sampleEvent(3)).seq, 4)
    assert.deepEqual(
      [...s.iterate()].map((e) => e.requestId.slice(-1)),
      ['0', '1', '2', '3'],
    )
    s.close()
  })

  it('refuses deferred events once too many wait', () => {
    const dir = tempDir()
    const s = open(dir, { deferMaxBatch: 2, deferMaxPending: 3, onDeferredError: () => {} })
    const other = new Database(path.join(dir, 'audit.db'))
    other.exec("CREATE TRIGGER full BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    for (let i = 0; i < 3; i++) s.appendDeferred(sampleEvent(i))
    assert.throws(() => s.appendDeferred(sampleEvent(3)), code('E_AUDIT_WRITE'))
    other.exec('DROP TRIGGER full')
    other.close()
    s.close()
    const r = open(dir, { readonly: true })
    assert.equal(r.head()?.seq, 3)
    r.close()
  })

  it('writes deferred events within a few milliseconds without a flush', async () => {
    const dir = tempDir()
    const s = open(dir, { deferFlushMs: 2 })
    const r = open(dir, { readonly: true })
    s.appendDeferred(sampleEvent(0))
    assert.equal(r.head(), undefined)
    await sleep(30)
    assert.equal(r.head()?.seq, 1)
    r.close()
    s.close()
  })
})

describe('SqliteStore: deferred batches do not fsync on their own', () => {
  it('flushes deferred batches with synchronous NORMAL and keeps FULL for durable appends', () => {
    const s = open(path.join(tempDir(), 'data'))
    const seen: string[] = []
    const original = s.synchronousMode.bind(s)
    assert.equal(original(), 'FULL')
    s.appendDeferred(sampleEvent(1))
    s.onDeferredWrite = () => seen.push(original())
    s.flush()
    assert.deepEqual(seen, ['NORMAL'], 'the deferred batch was written without an fsync of its own')
    assert.equal(original(), 'FULL', 'durable appends fsync again')
    s.append(sampleEvent(2))
    assert.deepEqual(
      s.tail(2).map((e) => e.seq),
      [1, 2],
    )
    assert.equal(s.verify().ok, true)
    s.close()
  })
})
