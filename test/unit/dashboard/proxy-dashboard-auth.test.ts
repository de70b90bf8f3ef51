import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dashboardAuth } from '../../../src/enforce/proxy/admin/dashboard-auth.js'
import type { TokenRecord } from '../../../src/identity/token-store.js'
import { Unauthenticated } from '../../../src/identity/unauthenticated.js'
import { builtinPolicy } from '../../../src/policy/profiles.js'

const policy = builtinPolicy('baseline')
const at = '2026-01-01T00:00:00.000Z'
const TOKENS: Record<string, TokenRecord> = {
  alk_admin: { id: 't1', name: 'admin', groups: [], role: 'admin', createdAt: at, createdBy: 'airlock' },
  alk_audrey: { id: 't2', name: 'audrey', groups: [], role: 'auditor', createdAt: at, createdBy: 'admin' },
  alk_dev: { id: 't3', name: 'dave', groups: ['dev'], role: 'developer', createdAt: at, createdBy: 'admin' },
}

describe('dashboardAuth (the admin listener’s sign-in)', () => {
  const auth = dashboardAuth(
    (t) => TOKENS[t],
    () => policy,
  )

  it('admits admins and auditors by token, with the identity their actions are recorded under', async () => {
    const admin = await auth.verifyToken('alk_admin')
    assert.deepEqual(
      { ...admin, identity: undefined },
      { user: 'admin', role: 'admin', admin: true, identity: undefined },
    )
    assert.deepEqual(admin?.identity, { user: 'admin', groups: [], role: 'admin', via: 'token' })
    const auditor = await auth.verifyToken('alk_audrey')
    assert.deepEqual([auditor?.user, auditor?.role, auditor?.admin], ['audrey', 'auditor', false])
  })

  it('names no principal for a valid token without the admin or audit right', async () => {
    assert.equal(await auth.verifyToken('alk_dev'), undefined)
  })

  it('refuses a token that is not valid with the reason (the login page shows it)', () => {
    assert.throws(
      () => auth.verifyToken('alk_nope'),
      (err: unknown) =>
        err instanceof Unauthenticated && /not valid \(unknown, revoked or expired\)/.test(err.message),
    )
  })

  it('admits no one from a plain connection (no client certificate)', () => {
    assert.equal(auth.fromConnection?.({ incoming: { socket: {} } }), undefined)
    assert.equal(auth.fromConnection?.(undefined), undefined)
  })
})
