import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { auditKeyId, resolveAuditKey } from '../../../src/audit/audit-key.js'
import { AirlockError } from '../../../src/errors.js'
import { tempDir } from './fixtures.js'

const KEY = 'k'.repeat(40)
const isKeyError = (err: unknown) => err instanceof AirlockError && err.code === 'E_AUDIT_KEY'

describe('resolveAuditKey', () => {
  it('returns no key for none, even with one in the environment', () => {
    assert.equal(
      resolveAuditKey('none', tempDir(), { create: true, env: { AIRLOCK_AUDIT_KEY: KEY } }),
      undefined,
    )
  })

  it('prefers AIRLOCK_AUDIT_KEY over the key file', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'audit.key'), 'f'.repeat(64), { mode: 0o600 })
    const key = resolveAuditKey('auto', dir, { create: true, env: { AIRLOCK_AUDIT_KEY: KEY } })
    assert.equal(key?.source, 'env')
    assert.deepEqual(key?.bytes, Buffer.from(KEY))
  })

  it('creates a 0600 key file only when asked, then reads it back', () => {
    const dir = tempDir()
    assert.equal(resolveAuditKey('auto', dir, { create: false, env: {} }), undefined)
    assert.equal(fs.existsSync(path.join(dir, 'audit.key')), false)
    const created = resolveAuditKey('auto', dir, { create: true, env: {} })
    assert.equal(created?.source, 'file')
    assert.equal(fs.statSync(path.join(dir, 'audit.key')).mode & 0o777, 0o600)
    const again = resolveAuditKey('auto', dir, { create: false, env: {} })
    assert.equal(again?.id, created?.id)
  })

  it('refuses a key file others can read', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'audit.key'), KEY, { mode: 0o644 })
    fs.chmodSync(path.join(dir, 'audit.key'), 0o644)
    assert.throws(() => resolveAuditKey('auto', dir, { create: true, env: {} }), /chmod 600/)
  })

  it('refuses short keys from every source', () => {
    const dir = tempDir()
    assert.throws(
      () => resolveAuditKey('auto', dir, { create: false, env: { AIRLOCK_AUDIT_KEY: 'short' } }),
      isKeyError,
    )
    assert.throws(() => resolveAuditKey('short', dir, { create: false, env: {} }), isKeyError)
    assert.throws(() => resolveAuditKey(new Uint8Array(8), dir, { create: false, env: {} }), isKeyError)
    fs.writeFileSync(path.join(dir, 'audit.key'), 'short\n', { mode: 0o600 })
    assert.throws(() => resolveAuditKey('auto', dir, { create: false, env: {} }), isKeyError)
  })

  it('identifies keys by a fingerprint that differs between keys', () => {
    assert.match(auditKeyId(Buffer.from(KEY)), /^[0-9a-f]{16}$/)
    assert.equal(
      auditKeyId(Buffer.from(KEY)),
      resolveAuditKey(KEY, tempDir(), { create: false, env: {} })?.id,
    )
    assert.notEqual(auditKeyId(Buffer.from(KEY)), auditKeyId(Buffer.from(`${KEY}x`)))
  })
})
