import assert from 'node:assert/strict'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { IDENTITY_DB_FILE, openIdentityDb } from '../../../src/identity/identity-db.js'
import { hashToken, TokenStore } from '../../../src/identity/token-store.js'
import { tempDir } from '../../helpers/temp-dir.js'

describe('token store', () => {
  const dir = tempDir('tokens')
  after(() => dir.remove())
  const db = openIdentityDb(join(dir.path, 'data'))
  const tokens = new TokenStore(db)
  after(() => db.close())

  it('creates high-entropy tokens, stores only their hash, and verifies them', () => {
    const { token, record } = tokens.create({
      name: 'alice',
      groups: ['dev'],
      role: 'viewer',
      createdBy: 'root',
    })
    assert.match(token, /^alk_[A-Za-z0-9_-]{43}$/)
    assert.deepEqual(tokens.verify(token), record)
    assert.equal(tokens.verify(`${token}x`), undefined)
    assert.equal(tokens.verify('not-a-token'), undefined)
    const file = join(dir.path, 'data', IDENTITY_DB_FILE)
    db.pragma('wal_checkpoint(TRUNCATE)')
    const bytes = readFileSync(file).toString('latin1')
    assert.ok(!bytes.includes(token.slice(4)), 'the token itself is not stored')
    assert.ok(bytes.includes(hashToken(token)), 'its hash is')
    assert.equal(statSync(file).mode & 0o777, 0o600)
    assert.equal(statSync(join(dir.path, 'data')).mode & 0o777, 0o700)
  })

  it('refuses revoked and expired tokens at once', () => {
    const now = new Date('2030-01-01T00:00:00Z')
    const a = tokens.create({ name: 'bob', createdBy: 'root' })
    const b = tokens.create({ name: 'carol', ttlSeconds: 60, createdBy: 'root' }, now)
    assert.equal(tokens.verify(a.token)?.name, 'bob')
    tokens.revoke(a.record.id, 'root')
    assert.equal(tokens.verify(a.token), undefined)
    assert.equal(tokens.get(a.record.id)?.revokedBy, 'root')
    assert.equal(tokens.verify(b.token, new Date(now.getTime() + 59_000))?.name, 'carol')
    assert.equal(tokens.verify(b.token, new Date(now.getTime() + 60_000)), undefined)
  })

  it('refuses invalid names, TTLs and unknown ids', () => {
    assert.throws(() => tokens.create({ name: 'a,b', createdBy: 'root' }), /not a valid user name/)
    assert.throws(
      () => tokens.create({ name: 'a', groups: ['x=y'], createdBy: 'root' }),
      /not a valid group name/,
    )
    assert.throws(
      () => tokens.create({ name: 'a', ttlSeconds: 0, createdBy: 'root' }),
      /TTL must be positive/,
    )
    assert.throws(() => tokens.revoke('nope', 'root'), /no token with id nope/)
  })
})
