import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { auditBeforeForward } from '../../../src/enforce/proxy/audit-pass.js'
import { AuditSink } from '../../../src/enforce/proxy/audit-sink.js'
import { Refusal } from '../../../src/enforce/proxy/refusal.js'
import { action } from '../../../src/model/action.js'
import { StubStore, stubExchange } from './fixtures.js'

function allowed(kind: 'container.list' | 'container.kill') {
  const ex = stubExchange({ method: kind === 'container.list' ? 'GET' : 'POST' })
  ex.action = action({ kind, target: 'web' })
  ex.decision = { allowed: true, message: 'allowed', findings: [], mutations: [], grantIds: [], warnings: [] }
  return ex
}

describe('audit pass', () => {
  it('writes a durable decision record before a state-changing call is forwarded', () => {
    const store = new StubStore()
    const ex = allowed('container.kill')
    auditBeforeForward(ex, new AuditSink(store))
    assert.equal(ex.recorded, true)
    assert.equal(store.calls.length, 1)
    assert.equal(store.calls[0]?.kind, 'append')
    assert.equal(store.calls[0]?.event.decision, 'allow')
    assert.equal(store.calls[0]?.event.status, 0)
    assert.deepEqual(store.calls[0]?.event.extra, { phase: 'decision' })
  })

  it('writes nothing before a read (its record comes at completion)', () => {
    const store = new StubStore()
    const ex = allowed('container.list')
    auditBeforeForward(ex, new AuditSink(store))
    assert.equal(ex.recorded, false)
    assert.equal(store.calls.length, 0)
  })

  it('denies with 503 when the durable append fails (fail closed)', () => {
    const store = new StubStore()
    store.failAppend = true
    const ex = allowed('container.kill')
    assert.throws(
      () => auditBeforeForward(ex, new AuditSink(store)),
      (e) =>
        e instanceof Refusal &&
        e.status === 503 &&
        /audit log cannot be written \(disk full\)/.test(e.message),
    )
    assert.equal(ex.recorded, false)
  })

  it('denies reads too while deferred writes fail, and recovers once they succeed', () => {
    const store = new StubStore()
    const sink = new AuditSink(store)
    sink.deferredFailed(new Error('disk full'))
    store.failDeferred = true
    assert.throws(
      () => auditBeforeForward(allowed('container.list'), sink),
      (e) => e instanceof Refusal && e.status === 503,
    )
    store.failDeferred = false
    auditBeforeForward(allowed('container.list'), sink)
    assert.equal(sink.failure, undefined)
  })
})
