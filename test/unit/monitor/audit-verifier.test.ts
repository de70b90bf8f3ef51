import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { SqliteStore } from '../../../src/audit/sqlite-store.js'
import type { AuditStatus } from '../../../src/monitor/audit-status.js'
import { AuditVerifier } from '../../../src/monitor/audit-verifier.js'
import { verifyInWorker } from '../../../src/monitor/verify-in-worker.js'
import { sampleEvent } from '../audit/fixtures.js'

describe('AuditVerifier and verifyInWorker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-verify-'))
  after(() => rmSync(dir, { recursive: true, force: true }))
  const store = SqliteStore.open({ dataDir: dir, key: 'none' })
  for (let i = 0; i < 20; i++) store.append(sampleEvent(i))
  store.close()

  it('verifies the chain in a worker thread on its own connection', async () => {
    const r = await verifyInWorker({ dataDir: dir, key: 'none' })
    assert.equal(r.ok, true)
    assert.equal(r.count, 20)
  })

  it('reports tampering found by the worker, and the verifier tells its listener', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'airlock-verify-bad-'))
    after(() => rmSync(copy, { recursive: true, force: true }))
    const s = SqliteStore.open({ dataDir: copy, key: 'none' })
    for (let i = 0; i < 5; i++) s.append(sampleEvent(i))
    s.close()
    const db = new Database(join(copy, 'audit.db'))
    db.prepare("UPDATE events SET event = replace(event, 'alice', 'mallory') WHERE seq = 3").run()
    db.close()
    const heard: AuditStatus[] = []
    const v = new AuditVerifier({
      verify: () => verifyInWorker({ dataDir: copy, key: 'none' }),
      onResult: (st) => heard.push(st),
    })
    const status = await v.verifyNow()
    assert.equal(status.ok, false)
    assert.equal(status.firstBad?.seq, 3)
    assert.equal(status.firstBad?.reason, 'hash-mismatch')
    assert.equal(v.latest(), status)
    assert.deepEqual(heard, [status])
  })

  it('a log that cannot be opened becomes a failed status with the reason', async () => {
    const v = new AuditVerifier({ verify: () => verifyInWorker({ dataDir: join(dir, 'missing') }) })
    const status = await v.verifyNow()
    assert.equal(status.ok, false)
    assert.equal(status.count, 0)
    assert.ok(status.error && status.error.length > 0)
  })

  it('concurrent requests share one verification', async () => {
    let runs = 0
    const v = new AuditVerifier({
      verify: async () => {
        runs++
        await new Promise((r) => setTimeout(r, 20))
        return { ok: true, count: 1, head: { seq: 1, hash: 'x' } } as const
      },
    })
    const [a, b] = await Promise.all([v.verifyNow(), v.verifyNow()])
    assert.equal(a, b)
    assert.equal(runs, 1)
    await v.verifyNow()
    assert.equal(runs, 2)
  })

  it('start verifies now and then on a timer that does not hold the process', async () => {
    let runs = 0
    const v = new AuditVerifier({ verify: () => ({ ok: true, count: ++runs, head: { seq: 1, hash: 'x' } }) })
    v.start(15)
    await new Promise((r) => setTimeout(r, 60))
    v.stop()
    assert.ok(runs >= 2, `ran ${runs} times`)
    assert.equal(v.latest()?.ok, true)
  })
})
