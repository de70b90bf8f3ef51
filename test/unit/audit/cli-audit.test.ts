import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { canonicalJson } from '../../../src/audit/canonical-json.js'
import { chainHash, GENESIS_HASH } from '../../../src/audit/hash-chain.js'
import { SqliteStore } from '../../../src/audit/sqlite-store.js'
import { cleanEnv, sampleEvent, tempDir } from './fixtures.js'

const MAIN = fileURLToPath(new URL('../../../src/cli/main.js', import.meta.url))

function airlock(...args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    encoding: 'utf8',
    env: cleanEnv({ NO_COLOR: '1' }),
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** A data dir with `n` records, written as the proxy would (keyed with a new audit.key unless `key` says). */
function logWith(n: number, key: 'auto' | 'none' = 'auto'): string {
  const dir = path.join(tempDir(), 'data')
  const store = SqliteStore.open({ dataDir: dir, key, env: cleanEnv() })
  for (let i = 0; i < n; i++) store.append(sampleEvent(i))
  store.close()
  return dir
}

function tamper(dir: string, fn: (db: Database.Database) => void): void {
  const db = new Database(path.join(dir, 'audit.db'))
  fn(db)
  db.close()
}

/** What an attacker without the key can do: recompute every hash with plain SHA-256 from `fromSeq` on. */
function rehash(db: Database.Database, opts: { updateHead: boolean }): void {
  const rows = db.prepare('SELECT seq, event FROM events ORDER BY seq').all() as {
    seq: number
    event: string
  }[]
  let prev = GENESIS_HASH
  for (const r of rows) {
    const hash = chainHash(prev, r.seq, Buffer.from(r.event))
    db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r.seq)
    prev = hash
  }
  if (opts.updateHead) db.prepare('UPDATE meta SET head_seq = ?, head_hash = ?').run(rows.length, prev)
}

function assertBroken(dir: string, seq: number, reason: string): void {
  const r = airlock('audit', 'verify', '--data', dir)
  assert.equal(r.code, 1, r.stderr)
  assert.match(r.stderr, new RegExp(`^audit log broken at record ${seq}: ${reason} \\(`))
  assert.equal(r.stdout, '')
}

const swap = (db: Database.Database, a: number, b: number, cols: string) => {
  const get = db.prepare(`SELECT ${cols} FROM events WHERE seq = ?`)
  const [ra, rb] = [get.get(a) as Record<string, string>, get.get(b) as Record<string, string>]
  const set = db.prepare(
    `UPDATE events SET ${Object.keys(ra)
      .map((c) => `${c} = @${c}`)
      .join(', ')} WHERE seq = @seq`,
  )
  db.transaction(() => {
    set.run({ ...rb, seq: a })
    set.run({ ...ra, seq: b })
  })()
}

describe('airlock audit verify', () => {
  it('reports an intact log with exit 0', () => {
    const dir = logWith(5)
    const r = airlock('audit', 'verify', '--data', dir)
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^audit log intact: 5 records, head 5 [0-9a-f]{12}\n$/)
  })

  it('reports an empty log as intact', () => {
    const r = airlock('audit', 'verify', '--data', logWith(0))
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, `audit log intact: 0 records, head 0 ${GENESIS_HASH.slice(0, 12)}\n`)
  })

  it('finds an edited event JSON', () => {
    const dir = logWith(5)
    tamper(dir, (db) =>
      db.prepare(`UPDATE events SET event = replace(event, '"deny"', '"allow"') WHERE seq = 3`).run(),
    )
    assertBroken(dir, 3, 'hash-mismatch')
  })

  it('finds an edited indexed column', () => {
    const dir = logWith(5)
    tamper(dir, (db) => db.prepare(`UPDATE events SET decision = 'allow' WHERE seq = 3`).run())
    assertBroken(dir, 3, 'column-mismatch')
  })

  it('finds an edited hash', () => {
    const dir = logWith(5)
    tamper(dir, (db) => db.prepare(`UPDATE events SET hash = ? WHERE seq = 4`).run('f'.repeat(64)))
    assertBroken(dir, 4, 'hash-mismatch')
  })

  it('finds a deleted middle record', () => {
    const dir = logWith(5)
    tamper(dir, (db) => db.prepare('DELETE FROM events WHERE seq = 3').run())
    assertBroken(dir, 3, 'gap')
  })

  it('finds a deleted first record', () => {
    const dir = logWith(5)
    tamper(dir, (db) => db.prepare('DELETE FROM events WHERE seq = 1').run())
    assertBroken(dir, 1, 'gap')
  })

  it('finds a deleted last record', () => {
    const dir = logWith(5)
    tamper(dir, (db) => db.prepare('DELETE FROM events WHERE seq = 5').run())
    assertBroken(dir, 5, 'head-mismatch')
  })

  it('finds two records swapped whole (reordered)', () => {
    const dir = logWith(5)
    tamper(dir, (db) => swap(db, 2, 4, 'time, caller, decision, action_kind, event, prev_hash, hash'))
    assertBroken(dir, 2, 'prev-mismatch')
  })

  it('finds two records’ contents swapped under their hashes', () => {
    const dir = logWith(5)
    tamper(dir, (db) => swap(db, 2, 4, 'time, caller, decision, action_kind, event'))
    assertBroken(dir, 2, 'hash-mismatch')
  })

  it('finds a forged record appended past the head', () => {
    const dir = logWith(5, 'none')
    tamper(dir, (db) => {
      const last = db.prepare('SELECT * FROM events WHERE seq = 5').get() as Record<string, string | number>
      const hash = chainHash(String(last['hash']), 6, Buffer.from(String(last['event'])))
      db.prepare('INSERT INTO events VALUES (6, ?, ?, ?, ?, ?, ?, ?)').run(
        last['time'],
        last['caller'],
        last['decision'],
        last['action_kind'],
        last['event'],
        last['hash'],
        hash,
      )
    })
    assertBroken(dir, 6, 'head-mismatch')
  })

  it('finds an unkeyed chain rewritten without its head', () => {
    const dir = logWith(5, 'none')
    tamper(dir, (db) => {
      db.prepare(
        `UPDATE events SET event = replace(event, '"deny"', '"allow"'), decision = 'allow' WHERE seq = 3`,
      ).run()
      rehash(db, { updateHead: false })
    })
    assertBroken(dir, 5, 'head-mismatch')
  })

  it('finds a keyed chain rewritten without the key, head included', () => {
    const dir = logWith(5)
    tamper(dir, (db) => {
      db.prepare(
        `UPDATE events SET event = replace(event, '"deny"', '"allow"'), decision = 'allow' WHERE seq = 3`,
      ).run()
      rehash(db, { updateHead: true })
    })
    assertBroken(dir, 1, 'hash-mismatch')
  })

  it('cannot see a full rewrite of an unkeyed log, head included: that needs a key or an external anchor', () => {
    const dir = logWith(5, 'none')
    tamper(dir, (db) => {
      db.prepare('DELETE FROM events WHERE seq = 5').run()
      rehash(db, { updateHead: true })
    })
    assert.equal(airlock('audit', 'verify', '--data', dir).code, 0)
  })

  it('exits 2 with a clear message without a data dir, a db or the key', () => {
    const missing = airlock('audit', 'verify', '--data', path.join(tempDir(), 'nope'))
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /no data dir at .*nope/)
    const empty = airlock('audit', 'tail', '--data', tempDir())
    assert.equal(empty.code, 2)
    assert.match(empty.stderr, /no audit log at .*audit\.db/)
    const dir = logWith(2)
    fs.rmSync(path.join(dir, 'audit.key'))
    const noKey = airlock('audit', 'verify', '--data', dir)
    assert.equal(noKey.code, 2)
    assert.match(noKey.stderr, /keyed .* no key was found: set AIRLOCK_AUDIT_KEY/)
  })
})

describe('airlock audit tail', () => {
  it('prints the last records as a table', () => {
    const r = airlock('audit', 'tail', '-n', '2', '--data', logWith(5))
    assert.equal(r.code, 0, r.stderr)
    const lines = r.stdout.trimEnd().split('\n')
    assert.equal(lines.length, 3)
    assert.match(lines[0]!, /^time\s+caller\s+method path\s+action\s+decision\s+rules\s+status$/)
    assert.match(
      lines[1]!,
      /^2025-01-01T00:00:03\.000Z\s+bob\s+GET \/v1\.45\/containers\/c3\/json\s+container\.inspect\s+allow\s+200$/,
    )
    assert.match(
      lines[2]!,
      /alice\s+POST \/v1\.45\/containers\/create\?name=c4\s+container\.create\s+deny\s+AL-0001\s+403$/,
    )
  })

  it('prints one JSON object per line', () => {
    const r = airlock('audit', 'tail', '-n', '3', '--format', 'json', '--data', logWith(5))
    assert.equal(r.code, 0, r.stderr)
    const records = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
    assert.deepEqual(
      records.map((e) => e.seq),
      [3, 4, 5],
    )
    assert.equal(records[0].prevHash.length, 64)
  })

  it('refuses a bad count or format with exit 2', () => {
    const dir = logWith(1)
    assert.equal(airlock('audit', 'tail', '-n', 'ten', '--data', dir).code, 2)
    assert.equal(airlock('audit', 'tail', '--format', 'xml', '--data', dir).code, 2)
  })

  it('follows new records until SIGINT', async () => {
    const dir = logWith(2)
    const child = spawn(process.execPath, [MAIN, 'audit', 'tail', '-f', '--format', 'json', '--data', dir], {
      env: cleanEnv(),
    })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
    })
    const waitFor = async (lines: number) => {
      for (let i = 0; i < 200 && out.split('\n').length - 1 < lines; i++)
        await new Promise((r) => setTimeout(r, 25))
    }
    await waitFor(2)
    const writer = SqliteStore.open({ dataDir: dir, env: cleanEnv() })
    writer.append(sampleEvent(2))
    writer.appendDeferred(sampleEvent(3))
    writer.flush()
    await waitFor(4)
    writer.close()
    child.kill('SIGINT')
    assert.equal(await exited, 0)
    assert.deepEqual(
      out
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).seq),
      [1, 2, 3, 4],
    )
  })
})

describe('airlock audit export', () => {
  it('writes every record with seq, prevHash and hash, verifiable without Airlock', () => {
    const dir = logWith(4)
    const r = airlock('audit', 'export', '--format', 'jsonl', '--data', dir)
    assert.equal(r.code, 0, r.stderr)
    const key = Buffer.from(fs.readFileSync(path.join(dir, 'audit.key'), 'utf8').trim())
    let prev = GENESIS_HASH
    const lines = r.stdout.trimEnd().split('\n')
    assert.equal(lines.length, 4)
    for (const line of lines) {
      const { seq, prevHash, hash, ...event } = JSON.parse(line)
      assert.equal(prevHash, prev)
      assert.equal(chainHash(prev, seq, Buffer.from(canonicalJson(event)), key), hash)
      prev = hash
    }
  })

  it('filters by --since and writes to --output with mode 0600', () => {
    const dir = logWith(6)
    const file = path.join(tempDir(), 'audit.jsonl')
    const r = airlock('audit', 'export', '--since', '2025-01-01T00:00:04Z', '--output', file, '--data', dir)
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, '')
    assert.equal(fs.statSync(file).mode & 0o777, 0o600)
    const seqs = fs
      .readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l).seq)
    assert.deepEqual(seqs, [5, 6])
  })

  it('refuses a bad --since with exit 2', () => {
    const r = airlock('audit', 'export', '--since', 'last tuesday', '--data', logWith(1))
    assert.equal(r.code, 2)
    assert.match(r.stderr, /since/)
  })
})
