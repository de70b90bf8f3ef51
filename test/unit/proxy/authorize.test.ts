import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { authorize, callerRole } from '../../../src/enforce/proxy/authorize-pass.js'
import { classify } from '../../../src/enforce/proxy/classify-pass.js'
import { Refusal } from '../../../src/enforce/proxy/refusal.js'
import { runExchange } from '../../../src/enforce/proxy/run-exchange.js'
import type { Identity } from '../../../src/model/identity.js'
import { parsePolicy } from '../../../src/policy/load-policy.js'
import { builtinPolicy } from '../../../src/policy/profiles.js'
import { stubDeps, stubExchange } from './fixtures.js'

function check(identity: Identity, method: string, target: string, policy = builtinPolicy()) {
  const ex = stubExchange({ method, target })
  ex.identity = identity
  classify(ex, '1.41')
  authorize(ex, policy)
  return ex
}

const viewer: Identity = { user: 'vic', groups: [], role: 'viewer', via: 'mtls' }

describe('authorize pass', () => {
  it('denies the kinds a role does not allow, with the role and kind in the message', () => {
    for (const [method, target, kind] of [
      ['POST', '/v1.41/containers/create', 'container.create'],
      ['POST', '/v1.41/containers/web/start', 'container.start'],
      ['DELETE', '/v1.41/containers/web', 'container.delete'],
      ['POST', '/v1.41/containers/web/exec', 'exec.create'],
      ['GET', '/v1.41/containers/web/logs', 'container.logs'],
      ['GET', '/v1.41/containers/web/json', 'container.inspect'],
      ['POST', '/v1.41/volumes/create', 'volume.create'],
      ['POST', '/v1.41/build', 'image.build'],
      ['POST', '/v1.41/images/create?fromImage=x', 'image.create'],
    ]) {
      assert.throws(
        () => check(viewer, method as string, target as string),
        (e) =>
          e instanceof Refusal &&
          e.status === 403 &&
          e.message === `airlock: denied: role viewer may not ${kind}`,
      )
    }
    assert.equal(check(viewer, 'GET', '/v1.41/containers/json').role?.name, 'viewer')
    assert.throws(
      () => check({ user: 'd', groups: [], via: 'token' }, 'POST', '/v1.41/images/load'),
      /role developer may not image\.load/,
    )
    assert.throws(
      () => check({ user: 'a', groups: [], role: 'auditor', via: 'token' }, 'GET', '/v1.41/containers/json'),
      /role auditor may not container\.list/,
    )
  })
  it('gives identified callers the default role and records it; the listener itself is admin-equivalent', () => {
    const ex = check({ user: 'dev', groups: [], via: 'token' }, 'POST', '/v1.41/containers/create')
    assert.equal(ex.identity?.role, 'developer')
    const p = parsePolicy('identity: { defaultRole: viewer }\n')
    assert.throws(
      () => check({ user: 'dev', groups: [], via: 'token' }, 'POST', '/v1.41/containers/create', p),
      /role viewer may not/,
    )
    const anon = check(
      { user: 'listener:unix:///x', groups: [], via: 'listener' },
      'POST',
      '/v1.41/plugins/pull',
    )
    assert.equal(anon.role?.name, 'listener')
    assert.equal(anon.identity?.role, undefined)
    assert.equal(callerRole({ user: 'x', groups: [], via: 'listener' }, builtinPolicy())?.admin, true)
  })
  it('denies a role the policy does not define', () => {
    assert.throws(
      () => check({ user: 'x', groups: [], role: 'root', via: 'token' }, 'GET', '/_ping'),
      /the role "root" of x is not defined/,
    )
  })
  it('records a denied caller with its identity and role', async () => {
    const deps = stubDeps({ authenticator: () => viewer })
    const ex = stubExchange({ method: 'POST', target: '/v1.41/containers/web/kill' })
    await runExchange(ex, deps, async () => ({}))
    assert.equal(ex.sent[0]?.status, 403)
    const rec = deps.store.calls[0]?.event
    assert.deepEqual(rec?.caller, { user: 'vic', groups: [], role: 'viewer', via: 'mtls' })
    assert.equal(rec?.decision, 'deny')
  })
  it('answers 401 and records it when the authenticator cannot identify the caller', async () => {
    const deps = stubDeps({
      authenticator: () => {
        throw new Error('this listener requires identification')
      },
    })
    const ex = stubExchange({ method: 'GET', target: '/v1.41/containers/json' })
    await runExchange(ex, deps, async () => ({}))
    assert.deepEqual(ex.sent[0], {
      status: 401,
      message: 'airlock: unauthorized: this listener requires identification',
      close: false,
    })
    assert.equal(deps.store.calls[0]?.event.status, 401)
    assert.equal(deps.store.calls[0]?.event.caller.user, 'unauthenticated')
  })
})
