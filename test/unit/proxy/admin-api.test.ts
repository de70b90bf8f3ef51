import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { AdminDeps } from '../../../src/enforce/proxy/admin/admin-deps.js'
import { AdminRouter } from '../../../src/enforce/proxy/admin/admin-router.js'
import {
  type AdminServer,
  checkAdminEndpoint,
  startAdminServer,
} from '../../../src/enforce/proxy/admin/admin-server.js'
import { ensureAdminToken } from '../../../src/enforce/proxy/admin/admin-token.js'
import { localAdmin, remoteAdmin } from '../../../src/enforce/proxy/admin/identity-admin.js'
import { parseEndpoint } from '../../../src/enforce/proxy/endpoint.js'
import { GrantStore } from '../../../src/identity/grant-store.js'
import { openIdentityDb } from '../../../src/identity/identity-db.js'
import { TokenStore } from '../../../src/identity/token-store.js'
import { builtinPolicy } from '../../../src/policy/profiles.js'
import { tempDir } from '../../helpers/temp-dir.js'
import { memoryLog } from './fixtures.js'

describe('admin API', () => {
  const dir = tempDir('admin-api')
  const data = join(dir.path, 'data')
  const db = openIdentityDb(data)
  const grants = new GrantStore(db)
  const tokens = new TokenStore(db)
  const recorded: { actionKind: string; caller: { user: string } }[] = []
  let settled = 0
  let approval = false
  let server: AdminServer
  let adminToken = ''
  const url = `unix://${join(dir.path, 'admin.sock')}`
  const deps: AdminDeps = {
    grants,
    tokens,
    watcher: { settleNow: async () => void settled++, refresh: () => {} },
    policy: () => ({ ...builtinPolicy(), maxGrantTtlSeconds: 600, grantApproval: approval }),
    record: (e) => void recorded.push(e as never),
    auditQuery: () => [],
    health: () => ({ listeners: ['unix:///x'] }),
    readiness: async () => ({ ok: true, checks: [] }),
  }
  before(async () => {
    const { file, created } = ensureAdminToken(data, tokens)
    assert.equal(created, true)
    adminToken = (await import('node:fs')).readFileSync(file, 'utf8').trim()
    assert.equal(ensureAdminToken(data, tokens).created, false, 'created once')
    server = await startAdminServer(parseEndpoint(url), deps, memoryLog())
  })
  after(async () => {
    await server?.close()
    db.close()
    dir.remove()
  })
  const as = (token?: string) => remoteAdmin({ url, ...(token && { token }) })

  it('refuses callers without a valid token (401) and non-admins (403)', async () => {
    await assert.rejects(as().listGrants(), /401 the admin API needs "Authorization: Bearer <token>"/)
    await assert.rejects(as('alk_nope').listGrants(), /401 the bearer token is not valid/)
    const dev = tokens.create({ name: 'dev', createdBy: 't' }).token
    await assert.rejects(as(dev).listGrants(), /403 dev \(role developer\) may not GET \/v1\/grants/)
    await assert.rejects(as(dev).createToken({ name: 'x' }), /403/)
  })

  it('creates, lists and revokes grants as the admin, records each change, and settles at once on revoke', async () => {
    const admin = as(adminToken)
    const g = await admin.createGrant({
      subject: 'alice',
      rules: ['no-privileged'],
      ttlSeconds: 60,
      reason: 'debug',
    })
    assert.equal(g.status, 'active')
    assert.equal(g.createdBy, 'admin')
    assert.deepEqual(g.rules, ['AL-0001'])
    await assert.rejects(
      admin.createGrant({ subject: 'alice', rules: ['AL-0001'], ttlSeconds: 601, reason: 'x y z' }),
      /400 .*grants\.maxTtl: 600s/,
    )
    assert.equal((await admin.listGrants()).length, 1)
    const revoked = await admin.revokeGrant(g.id)
    assert.equal(revoked.status, 'revoked')
    assert.equal(settled, 1)
    await assert.rejects(admin.revokeGrant('g-none'), /404 no grant with id g-none/)
    assert.deepEqual(
      recorded.map((r) => [r.actionKind, r.caller.user]),
      [
        ['grant.create', 'admin'],
        ['grant.revoke', 'admin'],
      ],
    )
  })

  it('enforces the two-person rule', async () => {
    approval = true
    const admin = as(adminToken)
    const second = tokens.create({ name: 'root2', role: 'admin', createdBy: 't' }).token
    const g = await admin.createGrant({
      subject: 'bob',
      rules: ['AL-0021'],
      ttlSeconds: 60,
      reason: 'two people',
    })
    assert.equal(g.status, 'pending')
    await assert.rejects(admin.approveGrant(g.id), /409 .*another admin must approve it/)
    const ok = await as(second).approveGrant(g.id)
    assert.equal(ok.status, 'active')
    assert.equal(ok.approvedBy, 'root2')
    approval = false
  })

  it('manages tokens; the new token works; audit reads need the audit right', async () => {
    const admin = as(adminToken)
    const t = await admin.createToken({ name: 'carol', groups: ['dev'], role: 'auditor', ttlSeconds: 3600 })
    assert.match(t.token, /^alk_/)
    assert.deepEqual(
      await as(t.token)
        .listTokens()
        .catch((e: Error) => e.message),
      'admin API GET /v1/tokens: 403 carol (role auditor) may not GET /v1/tokens',
    )
    assert.ok((await admin.listTokens()).some((r) => r.id === t.id && !('token' in r)))
    await assert.rejects(admin.createToken({ name: 'x', role: 'root' }), /400 unknown role "root"/)
    await admin.revokeToken(t.id)
    await assert.rejects(as(t.token).listGrants(), /401/)
  })

  it('routes by method and path, with params', () => {
    const r = new AdminRouter([
      {
        method: 'POST',
        path: '/v1/grants/:id/revoke',
        access: 'admin',
        handle: () => ({ status: 200, json: null }),
      },
    ])
    const m = r.match('POST', '/v1/grants/g-1/revoke')
    assert.ok(m && 'params' in m && m.params['id'] === 'g-1')
    assert.deepEqual(r.match('GET', '/v1/grants/g-1/revoke'), { methodNotAllowed: true })
    assert.equal(r.match('POST', '/v1/other'), undefined)
    assert.throws(() => checkAdminEndpoint(parseEndpoint('tcp://0.0.0.0:9000'), false), /needs TLS/)
    checkAdminEndpoint(parseEndpoint('tcp://0.0.0.0:9000'), true)
    checkAdminEndpoint(parseEndpoint('tcp://127.0.0.1:9000'), false)
  })

  it('serves TLS with client certificates: an admin certificate manages, others are refused', async () => {
    const { initCertificates } = await import('../../../src/identity/certs/cert-authority.js')
    const { issueClientCertificate } = await import('../../../src/identity/certs/client-cert.js')
    const { loadServerTls } = await import('../../../src/identity/certs/server-tls.js')
    const net = await import('node:net')
    const tlsDir = join(dir.path, 'tls')
    initCertificates({ dir: tlsDir })
    const root = issueClientCertificate({
      dir: tlsDir,
      name: 'root',
      role: 'admin',
      out: join(dir.path, 'root'),
    })
    const dev = issueClientCertificate({ dir: tlsDir, name: 'dev', out: join(dir.path, 'dev') })
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port
        s.close(() => resolve(p))
      })
    })
    const tlsUrl = `tcp://127.0.0.1:${port}`
    const tlsServer = await startAdminServer(parseEndpoint(tlsUrl), deps, memoryLog(), loadServerTls(tlsDir))
    try {
      const g = await remoteAdmin({ url: tlsUrl, certPath: root }).createGrant({
        subject: 'eve',
        rules: ['AL-0001'],
        ttlSeconds: 30,
        reason: 'over tls',
      })
      assert.equal(g.createdBy, 'root')
      await assert.rejects(
        remoteAdmin({ url: tlsUrl, certPath: dev }).listGrants(),
        /403 dev \(role developer\)/,
      )
      await assert.rejects(
        remoteAdmin({ url: tlsUrl, token: adminToken }).listGrants(),
        /cannot reach the admin API/,
      )
    } finally {
      await tlsServer.close()
    }
  })

  it('the data dir works without a proxy: same rules', async () => {
    const local = localAdmin(data, { ...builtinPolicy(), maxGrantTtlSeconds: 600 }, 'ops')
    try {
      const g = await local.createGrant({
        subject: 'dan',
        rules: ['AL-0003'],
        ttlSeconds: 30,
        reason: 'local',
      })
      assert.equal(g.createdBy, 'ops')
      await assert.rejects(
        local.createGrant({ subject: 'dan', rules: ['AL-0003'], ttlSeconds: 900, reason: 'local' }),
        /maxTtl/,
      )
      assert.equal((await local.revokeGrant(g.id)).revokedBy, 'ops')
      const t = await local.createToken({ name: 'eve' })
      assert.equal(tokens.verify(t.token)?.name, 'eve')
    } finally {
      local.close()
    }
  })
})
