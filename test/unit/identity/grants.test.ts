import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { endedGrants } from '../../../src/identity/grant-ending.js'
import { checkGrantRequest } from '../../../src/identity/grant-request.js'
import { GrantStore, viewGrants } from '../../../src/identity/grant-store.js'
import { openIdentityDb } from '../../../src/identity/identity-db.js'
import { action } from '../../../src/model/action.js'
import { grantStatus } from '../../../src/model/grant.js'
import { decide } from '../../../src/policy/decide.js'
import { builtinPolicy } from '../../../src/policy/profiles.js'
import { tempDir } from '../../helpers/temp-dir.js'

const policy = { ...builtinPolicy('baseline'), maxGrantTtlSeconds: 900 }
const base = { subject: 'alice', rules: ['no-privileged'], ttlSeconds: 600, reason: 'debug INC-1' }

describe('grant requests', () => {
  it('resolves slugs to ids and keeps the scope', () => {
    const c = checkGrantRequest(
      { ...base, rules: ['no-privileged', 'AL-0001', 'AL-0021'], image: 'x:1', container: 'dbg' },
      policy,
    )
    assert.deepEqual(c.rules, ['AL-0001', 'AL-0021'])
    assert.equal(c.image, 'x:1')
    assert.equal(c.container, 'dbg')
  })
  it('caps the TTL at the policy maximum and requires a reason, rules and a valid subject', () => {
    assert.throws(
      () => checkGrantRequest({ ...base, ttlSeconds: 901 }, policy),
      /longer than the policy allows \(grants\.maxTtl: 900s\)/,
    )
    assert.throws(() => checkGrantRequest({ ...base, ttlSeconds: 0 }, policy), /positive TTL/)
    assert.throws(() => checkGrantRequest({ ...base, reason: ' ' }, policy), /needs a reason/)
    assert.throws(() => checkGrantRequest({ ...base, rules: [] }, policy), /at least one rule/)
    assert.throws(() => checkGrantRequest({ ...base, rules: ['AL-9999'] }, policy), /unknown rule "AL-9999"/)
    assert.throws(() => checkGrantRequest({ ...base, subject: 'a b' }, policy), /not a valid user name/)
    assert.equal(checkGrantRequest({ ...base, subject: 'group:dev' }, policy).subject, 'group:dev')
  })
})

describe('grant lifecycle', () => {
  const dir = tempDir('grants')
  after(() => dir.remove())
  const db = openIdentityDb(join(dir.path, 'data'))
  after(() => db.close())
  const grants = new GrantStore(db)
  const t0 = new Date('2030-01-01T00:00:00Z')
  const at = (s: number) => new Date(t0.getTime() + s * 1000)

  it('is active until it expires, then expired and listed for settling once', () => {
    const g = grants.create(checkGrantRequest(base, policy), 'root', t0)
    assert.equal(grantStatus(g, at(599), false), 'active')
    assert.equal(grantStatus(g, at(600), false), 'expired')
    assert.deepEqual(endedGrants(grants.list(), at(599), false), [])
    assert.deepEqual(
      endedGrants(grants.list(), at(601), false).map((e) => [e.grant.id, e.status]),
      [[g.id, 'expired']],
    )
    grants.settle(g.id, at(601))
    assert.deepEqual(endedGrants(grants.list(), at(601), false), [])
  })

  it('takes effect for decide() only while active, and revocation ends it at once', () => {
    const g = grants.create(checkGrantRequest({ ...base, subject: 'bob' }, policy), 'root', t0)
    const privileged = action({ kind: 'container.create', spec: { image: 'x', privileged: true } })
    const bob = { user: 'bob', groups: [], via: 'token' as const }
    const before = decide(privileged, policy, { identity: bob, grants: grants.list(), now: at(10) })
    assert.equal(before.allowed, true)
    assert.deepEqual(before.grantIds, [g.id])
    assert.equal(
      decide(privileged, policy, { identity: { ...bob, user: 'eve' }, grants: grants.list(), now: at(10) })
        .allowed,
      false,
    )
    grants.revoke(g.id, 'root', at(20))
    assert.equal(
      decide(privileged, policy, { identity: bob, grants: grants.list(), now: at(21) }).allowed,
      false,
    )
    assert.equal(viewGrants([grants.get(g.id)!], at(21), false)[0]?.status, 'revoked')
    assert.ok(
      endedGrants(grants.list(), at(21), false).some((e) => e.grant.id === g.id && e.status === 'revoked'),
    )
    assert.throws(() => grants.revoke(g.id, 'root'), /already revoked/)
  })

  it('needs a second admin under the two-person rule', () => {
    const g = grants.create(checkGrantRequest({ ...base, subject: 'carol' }, policy), 'admin1', t0)
    assert.equal(grantStatus(g, at(1), true), 'pending')
    assert.throws(
      () => grants.approve(g.id, 'admin1', at(2)),
      /another admin must approve it \(two-person rule\)/,
    )
    const approved = grants.approve(g.id, 'admin2', at(3))
    assert.equal(approved.approvedBy, 'admin2')
    assert.equal(grantStatus(approved, at(4), true), 'active')
    assert.throws(() => grants.approve(g.id, 'admin3', at(5)), /is active, not pending/)
    const late = grants.create(
      checkGrantRequest({ ...base, subject: 'dan', ttlSeconds: 5 }, policy),
      'admin1',
      t0,
    )
    assert.throws(() => grants.approve(late.id, 'admin2', at(6)), /is expired, not pending/)
    assert.throws(() => grants.approve('g-none', 'admin2'), /no grant with id g-none/)
  })
})
