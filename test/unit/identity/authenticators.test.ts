import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { bearerToken, tokenIdentity } from '../../../src/identity/bearer-token.js'
import { listenerAuthenticator } from '../../../src/identity/listener-authenticator.js'
import { parseListenerSpec } from '../../../src/identity/listener-identity.js'
import { certificateIdentity } from '../../../src/identity/peer-certificate.js'
import type { TokenRecord } from '../../../src/identity/token-store.js'
import { Unauthenticated } from '../../../src/identity/unauthenticated.js'

const alice: TokenRecord = { id: 't1', name: 'alice', groups: ['dev'], createdAt: '', createdBy: 'root' }
const verify = (t: string) => (t === 'alk_good' ? alice : undefined)
const unauth = (re: RegExp) => (e: unknown) => e instanceof Unauthenticated && re.test((e as Error).message)

describe('certificate identity (mTLS)', () => {
  it('takes CN as the user, O and OU as groups, OU role:<name> as the role', () => {
    assert.deepEqual(
      certificateIdentity({
        authorized: true,
        subject: { CN: 'alice', O: ['dev', 'ops'], OU: 'role:admin' },
      }),
      {
        user: 'alice',
        groups: ['dev', 'ops'],
        role: 'admin',
        via: 'mtls',
      },
    )
    assert.deepEqual(certificateIdentity({ authorized: true, subject: { CN: 'bob', OU: 'qa' } }), {
      user: 'bob',
      groups: ['qa'],
      via: 'mtls',
    })
  })
  it('refuses an unverified certificate, a missing or repeated CN, an invalid name and two roles', () => {
    assert.throws(
      () => certificateIdentity({ authorized: false, subject: { CN: 'alice' } }),
      unauth(/not signed by this listener's CA/),
    )
    assert.throws(() => certificateIdentity({ authorized: true, subject: {} }), unauth(/exactly one CN/))
    assert.throws(
      () => certificateIdentity({ authorized: true, subject: { CN: ['a', 'b'] } }),
      unauth(/exactly one CN/),
    )
    assert.throws(
      () => certificateIdentity({ authorized: true, subject: { CN: 'a=b' } }),
      unauth(/exactly one CN/),
    )
    assert.throws(
      () =>
        certificateIdentity({ authorized: true, subject: { CN: 'a', OU: ['role:admin', 'role:viewer'] } }),
      unauth(/2 roles/),
    )
  })
})

describe('bearer tokens', () => {
  it('reads "Bearer <token>" (scheme in any case) and refuses other shapes', () => {
    assert.equal(bearerToken(undefined), undefined)
    assert.equal(bearerToken('Bearer alk_abc'), 'alk_abc')
    assert.equal(bearerToken('bearer alk_abc '), 'alk_abc')
    for (const bad of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', 'alk_abc']) {
      assert.throws(() => bearerToken(bad), unauth(/must be "Bearer <token>"/), bad)
    }
  })
  it('maps a valid token to its identity and refuses an unknown one', () => {
    assert.deepEqual(tokenIdentity('alk_good', verify), { user: 'alice', groups: ['dev'], via: 'token' })
    assert.throws(() => tokenIdentity('alk_bad', verify), unauth(/not valid \(unknown, revoked or expired\)/))
  })
})

describe('listener authenticator', () => {
  const name = 'unix:///run/a.sock'
  it('prefers a certificate, then a token, then the configured identity, then the listener itself', () => {
    const auth = listenerAuthenticator({
      name,
      auth: 'optional',
      identity: { user: 'ci', groups: ['bots'], role: 'viewer' },
      verifyToken: verify,
    })
    assert.equal(
      auth({ peer: { authorized: true, subject: { CN: 'carol' } }, authorization: 'Bearer alk_good' }).user,
      'carol',
    )
    assert.equal(auth({ authorization: 'Bearer alk_good' }).user, 'alice')
    assert.deepEqual(auth({}), { user: 'ci', groups: ['bots'], role: 'viewer', via: 'socket' })
    const open = listenerAuthenticator({ name, auth: 'optional' })
    assert.deepEqual(open({}), { user: `listener:${name}`, groups: [], via: 'listener' })
  })
  it('refuses a caller it cannot identify where identity is required, and bad credentials everywhere', () => {
    const required = listenerAuthenticator({ name, auth: 'required', verifyToken: verify })
    assert.throws(() => required({}), unauth(/requires identification/))
    const open = listenerAuthenticator({ name, auth: 'optional', verifyToken: verify })
    assert.throws(() => open({ authorization: 'Bearer alk_revoked' }), unauth(/not valid/))
    assert.throws(() => open({ peer: { authorized: false, subject: { CN: 'x' } } }), unauth(/not signed/))
    const noTokens = listenerAuthenticator({ name, auth: 'optional' })
    assert.throws(() => noTokens({ authorization: 'Bearer alk_good' }), unauth(/does not take bearer tokens/))
  })
})

describe('listener specs', () => {
  it('splits the URL from the identity part', () => {
    assert.deepEqual(
      parseListenerSpec('unix:///run/airlock/team-a.sock#user=alice,group=dev,group=ops,role=developer'),
      {
        url: 'unix:///run/airlock/team-a.sock',
        identity: { user: 'alice', groups: ['dev', 'ops'], role: 'developer' },
      },
    )
    assert.deepEqual(parseListenerSpec('tcp://127.0.0.1:2375#auth=required'), {
      url: 'tcp://127.0.0.1:2375',
      auth: 'required',
    })
    assert.deepEqual(parseListenerSpec('unix:///x.sock'), { url: 'unix:///x.sock' })
  })
  it('refuses unknown keys, bad names and groups without a user', () => {
    assert.throws(() => parseListenerSpec('unix:///x.sock#uid=1'), /unknown listener setting "uid"/)
    assert.throws(() => parseListenerSpec('unix:///x.sock#user=a=b'), /not a valid user name/)
    assert.throws(() => parseListenerSpec('unix:///x.sock#group=dev'), /need a user=/)
    assert.throws(() => parseListenerSpec('unix:///x.sock#user=a,user=b'), /twice/)
    assert.throws(() => parseListenerSpec('unix:///x.sock#auth=maybe'), /optional or required/)
    assert.throws(() => parseListenerSpec('unix:///x.sock#user=a,role=Admin!'), /not a role name/)
  })
})
