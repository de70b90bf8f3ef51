import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseEndpoint } from '../../../src/enforce/proxy/endpoint.js'
import { checkListenEndpoint } from '../../../src/enforce/proxy/listener.js'
import { authenticatorFor, effectiveAuthMode } from '../../../src/enforce/proxy/listener-auth.js'

describe('listener security', () => {
  it('requires identity over TLS and on plain TCP beyond loopback; elsewhere as configured', () => {
    assert.equal(effectiveAuthMode(parseEndpoint('tcp://127.0.0.1:1'), {}, true), 'required')
    assert.equal(
      effectiveAuthMode(parseEndpoint('tcp://10.0.0.1:1'), { auth: 'optional' }, false),
      'required',
    )
    assert.equal(effectiveAuthMode(parseEndpoint('tcp://127.0.0.1:1'), {}, false), 'optional')
    assert.equal(effectiveAuthMode(parseEndpoint('unix:///a.sock'), { auth: 'required' }, false), 'required')
  })
  it('refuses plain TCP beyond loopback unless TLS or --insecure-tcp', () => {
    assert.throws(() => checkListenEndpoint(parseEndpoint('tcp://0.0.0.0:2376')), /needs TLS \(--tls-dir/)
    checkListenEndpoint(parseEndpoint('tcp://0.0.0.0:2376'), { tls: true })
    checkListenEndpoint(parseEndpoint('tcp://0.0.0.0:2376'), { insecureTcp: true })
  })
  it('hands the Authorization header and the peer certificate to the identity authenticator', async () => {
    const auth = authenticatorFor(
      parseEndpoint('unix:///a.sock'),
      { url: 'unix:///a.sock', auth: 'required' },
      {
        tls: false,
        verifyToken: (t) =>
          t === 'alk_x' ? { id: '1', name: 'alice', groups: [], createdAt: '', createdBy: '' } : undefined,
      },
    )
    const listener = { name: 'unix:///a.sock', kind: 'unix' as const }
    assert.equal((await auth({ headers: { authorization: 'Bearer alk_x' }, listener })).user, 'alice')
    assert.equal(
      (await auth({ headers: {}, listener, peer: { authorized: true, subject: { CN: 'bob' } } })).via,
      'mtls',
    )
    assert.throws(() => auth({ headers: {}, listener }), /requires identification/)
  })
})
