import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { runExchange } from '../../../src/enforce/proxy/run-exchange.js'
import { StubStore, stubDeps, stubExchange } from './fixtures.js'

const CREATE = Buffer.from('{"Image":"busybox","HostConfig":{"Privileged":true}}')
const JSON_HEADERS = ['Host', 'docker', 'Content-Type', 'application/json', 'Content-Length', '2']

describe('runExchange', () => {
  it('records a state-changing call durably before the terminal pass runs, then its completion', async () => {
    const deps = stubDeps()
    const order: string[] = []
    const store = deps.store
    const append = store.append.bind(store)
    store.append = (e) => {
      order.push('append')
      return append(e)
    }
    const ex = stubExchange({ method: 'POST', target: '/v1.41/containers/web/kill' })
    await runExchange(ex, deps, async (e) => {
      order.push('forward')
      e.upstreamStatus = 204
      e.status = 204
      return {}
    })
    assert.deepEqual(order, ['append', 'forward'])
    assert.deepEqual(
      store.calls.map((c) => [c.kind, c.event.extra?.['phase'], c.event.status]),
      [
        ['append', 'decision', 0],
        ['deferred', 'complete', 204],
      ],
    )
    assert.equal(store.calls[1]?.event.upstreamStatus, 204)
    assert.equal(store.calls[1]?.event.requestId, store.calls[0]?.event.requestId)
  })

  it('never runs the terminal pass when the audit log cannot be written, and answers 503', async () => {
    const store = new StubStore()
    store.failAppend = true
    const deps = stubDeps({}, store)
    const ex = stubExchange({ method: 'POST', target: '/v1.41/containers/web/kill' })
    let forwarded = false
    await runExchange(ex, deps, async () => {
      forwarded = true
      return {}
    })
    assert.equal(forwarded, false)
    assert.equal(ex.sent[0]?.status, 503)
    assert.match(ex.sent[0]?.message ?? '', /^airlock: denied: the audit log cannot be written/)
  })

  it('denies by policy with 403 and Docker error message, recorded durably with findings', async () => {
    const deps = stubDeps()
    const ex = stubExchange({
      method: 'POST',
      target: '/v1.41/containers/create',
      rawHeaders: JSON_HEADERS,
      body: CREATE,
    })
    let forwarded = false
    await runExchange(ex, deps, async () => {
      forwarded = true
      return {}
    })
    assert.equal(forwarded, false)
    assert.equal(ex.sent[0]?.status, 403)
    assert.match(
      ex.sent[0]?.message ?? '',
      /^airlock: denied by AL-0001 no-privileged: HostConfig\.Privileged/,
    )
    const rec = deps.store.calls[0]
    assert.equal(rec?.kind, 'append')
    assert.equal(rec?.event.decision, 'deny')
    assert.equal(rec?.event.status, 403)
    assert.ok(rec?.event.ruleIds?.includes('AL-0001'))
    assert.equal(rec?.event.bodyBytes, CREATE.length)
    assert.match(rec?.event.bodySha256 ?? '', /^[0-9a-f]{64}$/)
  })

  it('records an allowed create with the policy mutations', async () => {
    const deps = stubDeps()
    const body = Buffer.from('{"Image":"busybox"}')
    const ex = stubExchange({
      method: 'POST',
      target: '/v1.41/containers/create',
      rawHeaders: JSON_HEADERS,
      body,
    })
    await runExchange(ex, deps, async () => ({}))
    const rec = deps.store.calls[0]?.event
    assert.equal(rec?.decision, 'allow')
    const paths = rec?.mutations?.map((m) => m.path.join('.'))
    assert.ok(paths?.includes('security.noNewPrivileges'), String(paths))
    assert.ok(paths?.includes('resources.pidsLimit'), String(paths))
  })

  it('records framing refusals (400) before anything is classified, and closes the connection', async () => {
    const deps = stubDeps()
    const ex = stubExchange({
      method: 'POST',
      target: '/v1.41/containers/create',
      rawHeaders: ['Content-Length', '1', 'Transfer-Encoding', 'chunked'],
    })
    await runExchange(ex, deps, async () => assert.fail('must not forward'))
    assert.equal(ex.sent[0]?.status, 400)
    assert.equal(ex.sent[0]?.close, true)
    assert.equal(deps.store.calls[0]?.event.actionKind, 'unclassified')
    assert.equal(deps.store.calls[0]?.event.decision, 'deny')
    assert.equal(deps.store.calls[0]?.kind, 'deferred', 'no caller known yet: batched, no fsync each')
  })

  it('records a failed authentication (401) deferred: unauthenticated floods cost no durable write each', async () => {
    const deps = stubDeps({
      authenticator: () => {
        throw new Error('this listener requires identification')
      },
    })
    const ex = stubExchange({ method: 'POST', target: '/v1.41/containers/web/kill' })
    await runExchange(ex, deps, async () => assert.fail('must not forward'))
    assert.equal(ex.sent[0]?.status, 401)
    assert.deepEqual(
      deps.store.calls.map((c) => [c.kind, c.event.status, c.event.decision]),
      [['deferred', 401, 'deny']],
    )
  })

  it('still records a denial of an identified caller durably', async () => {
    const deps = stubDeps({
      authenticator: () => ({ user: 'viv', groups: [], role: 'viewer', via: 'token' }),
    })
    const ex = stubExchange({ method: 'POST', target: '/v1.41/containers/web/kill' })
    await runExchange(ex, deps, async () => assert.fail('must not forward'))
    assert.equal(ex.sent[0]?.status, 403)
    assert.deepEqual(
      deps.store.calls.map((c) => [c.kind, c.event.status]),
      [['append', 403]],
    )
  })

  it('records a read once, at completion, deferred, and an upstream failure as an error', async () => {
    const deps = stubDeps()
    const ex = stubExchange({ target: '/v1.41/containers/json' })
    await runExchange(ex, deps, async (e) => {
      e.status = 502
      return { error: 'airlock: the Docker daemon at unix:///x is not reachable: ECONNREFUSED' }
    })
    assert.equal(deps.store.calls.length, 1)
    assert.equal(deps.store.calls[0]?.kind, 'deferred')
    assert.equal(deps.store.calls[0]?.event.decision, 'error')
    assert.equal(deps.store.calls[0]?.event.status, 502)
    assert.equal(deps.store.calls[0]?.event.extra?.['phase'], undefined)
  })

  it('turns a pass that throws anything into a 500 denial and keeps going', async () => {
    const deps = stubDeps({
      interpret: () => {
        throw new Error('boom')
      },
    })
    const ex = stubExchange({ target: '/v1.41/containers/json' })
    await runExchange(ex, deps, async () => assert.fail('must not forward'))
    assert.equal(ex.sent[0]?.status, 500)
    assert.equal(deps.store.calls[0]?.event.decision, 'error')
  })
})
