import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { AuditSink } from '../../../src/enforce/proxy/audit-sink.js'
import type { UpstreamPort } from '../../../src/enforce/proxy/deps.js'
import { parseEndpoint } from '../../../src/enforce/proxy/endpoint.js'
import { GrantWatcher } from '../../../src/enforce/proxy/grant-watcher.js'
import { Upstream } from '../../../src/enforce/proxy/upstream.js'
import { checkGrantRequest } from '../../../src/identity/grant-request.js'
import { GrantStore } from '../../../src/identity/grant-store.js'
import { openIdentityDb } from '../../../src/identity/identity-db.js'
import type { Policy } from '../../../src/policy/policy.js'
import { builtinPolicy } from '../../../src/policy/profiles.js'
import { tempDir } from '../../helpers/temp-dir.js'
import { fakeDaemon } from './fake-daemon.js'
import { memoryLog, StubStore } from './fixtures.js'

describe('grant watcher', () => {
  const dir = tempDir('grant-watcher')
  after(() => dir.remove())
  const db = openIdentityDb(join(dir.path, 'data'))
  after(() => db.close())
  const grants = new GrantStore(db)

  async function world(containers: unknown[], stopStatus = 204) {
    const daemon = await fakeDaemon((req, res) => {
      if (req.url?.startsWith('/containers/json')) {
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify(containers))
      } else {
        res.writeHead(stopStatus)
        res.end()
      }
    })
    const upstream = new Upstream(parseEndpoint(daemon.url))
    return {
      daemon,
      upstream,
      close: async () => {
        upstream.close()
        await daemon.close()
      },
    }
  }

  const make = (subject: string, ttl = 60) =>
    grants.create(
      checkGrantRequest({ subject, rules: ['AL-0021'], ttlSeconds: ttl, reason: 'test' }, builtinPolicy()),
      'root',
    )

  it('stops the running containers of a revoked grant, records each action and settles it', async () => {
    const g = make('alice')
    const other = make('bob')
    const w = await world([
      { Id: 'c1', State: 'running', Labels: { 'airlock.grant': g.id } },
      { Id: 'c2', State: 'exited', Labels: { 'airlock.grant': g.id } },
      { Id: 'c3', State: 'running', Labels: { 'airlock.grant': `x,${other.id}` } },
    ])
    const store = new StubStore()
    const watcher = new GrantWatcher({
      store: grants,
      upstream: w.upstream,
      lookup: w.upstream,
      audit: new AuditSink(store),
      policy: () => builtinPolicy(),
      log: memoryLog(),
    })
    try {
      await watcher.settleNow()
      assert.equal(w.daemon.seen.filter((s) => s.method === 'POST').length, 0, 'nothing ended yet')
      grants.revoke(g.id, 'root')
      await watcher.settleNow()
      assert.deepEqual(
        w.daemon.seen.filter((s) => s.method === 'POST').map((s) => s.url),
        ['/containers/c1/stop?t=1'],
      )
      assert.deepEqual(
        store.calls.map((c) => [c.event.actionKind, c.event.target, c.event.grantIds]),
        [
          ['grant.end', '', [g.id]],
          ['container.stop', 'c1', [g.id]],
          ['grant.flag', 'c2', [g.id]],
        ],
      )
      assert.match(store.calls[1]?.event.message ?? '', /revoked: container c1 stopped/)
      assert.ok(grants.get(g.id)?.settledAt)
      await watcher.settleNow()
      assert.equal(
        w.daemon.seen.filter((s) => s.method === 'POST').length,
        1,
        'settled grants are left alone',
      )
      assert.ok(watcher.snapshot().some((x) => x.id === g.id && x.revokedAt !== undefined))
    } finally {
      await watcher.stop()
      await w.close()
    }
  })

  it('kills or only flags per policy, and retries when the daemon refuses', async () => {
    const g = make('carol', 1)
    const w = await world([{ Id: 'k1', State: 'running', Labels: { 'airlock.grant': g.id } }], 500)
    const store = new StubStore()
    let policy: Policy = { ...builtinPolicy(), grantOnEnd: 'kill' }
    const watcher = new GrantWatcher({
      store: grants,
      upstream: w.upstream as UpstreamPort,
      lookup: w.upstream,
      audit: new AuditSink(store),
      policy: () => policy,
      log: memoryLog(),
    })
    try {
      const later = new Date(Date.now() + 5000)
      await watcher.settleNow(later)
      assert.deepEqual(
        w.daemon.seen.filter((s) => s.method === 'POST').map((s) => s.url),
        ['/containers/k1/kill'],
      )
      assert.equal(grants.get(g.id)?.settledAt, undefined, 'not settled: the kill failed')
      policy = { ...builtinPolicy(), grantOnEnd: 'flag' }
      await watcher.settleNow(later)
      assert.equal(w.daemon.seen.filter((s) => s.method === 'POST').length, 1)
      assert.ok(
        store.calls.some(
          (c) =>
            c.event.actionKind === 'grant.flag' &&
            c.event.target === 'k1' &&
            /still running/.test(c.event.message ?? ''),
        ),
      )
      assert.ok(grants.get(g.id)?.settledAt)
    } finally {
      await watcher.stop()
      await w.close()
    }
  })
})
