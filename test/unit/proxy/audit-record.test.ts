import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AuditEvent } from '../../../src/audit/audit-event.js'
import { completionRecord, decisionRecord, refusalRecord } from '../../../src/enforce/proxy/audit-record.js'
import { Refusal } from '../../../src/enforce/proxy/refusal.js'
import { action } from '../../../src/model/action.js'
import { stubExchange } from './fixtures.js'

function allowedCreate() {
  const ex = stubExchange({
    method: 'POST',
    target: '/v1.41/containers/create?name=web',
    body: Buffer.from('{}'),
  })
  ex.digest.update(Buffer.from('{}'))
  ex.identity = { user: 'listener:unix:///tmp/test.sock', groups: [], via: 'listener' }
  ex.action = action({ kind: 'container.create', spec: { name: 'web', image: 'busybox' } })
  ex.interpretation = {
    action: ex.action,
    body: { kind: 'none' },
    notes: ['fields dockerd ignores were dropped: Foo'],
    normalizations: [{ path: ['namespaces', 'network'], value: '', reason: 'default network mode' }],
  }
  ex.decision = {
    allowed: true,
    message: 'allowed',
    findings: [],
    mutations: [{ path: ['resources', 'pidsLimit'], value: 4096, reason: 'policy default: PIDs limit' }],
    grantIds: [],
    warnings: [],
  }
  return ex
}

describe('audit records', () => {
  it('a decision record carries the mutations and normalizations, the body hash and status 0', () => {
    const rec = AuditEvent.parse(decisionRecord(allowedCreate()))
    assert.equal(rec.status, 0)
    assert.equal(rec.upstreamStatus, null)
    assert.equal(rec.actionKind, 'container.create')
    assert.equal(rec.path, '/v1.41/containers/create?name=web')
    assert.deepEqual(
      rec.mutations.map((m) => m.path.join('.')),
      ['resources.pidsLimit', 'namespaces.network'],
    )
    assert.equal(rec.bodyBytes, 2)
    assert.equal(rec.bodySha256, '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a')
    assert.deepEqual(rec.extra, { phase: 'decision', notes: ['fields dockerd ignores were dropped: Foo'] })
  })

  it('a completion record after it says how the call ended', () => {
    const ex = allowedCreate()
    ex.recorded = true
    ex.status = 201
    ex.upstreamStatus = 201
    ex.responseBytes = 88
    const rec = AuditEvent.parse(completionRecord(ex))
    assert.equal(rec.extra['phase'], 'complete')
    assert.equal(rec.status, 201)
    assert.equal(rec.responseBytes, 88)
    assert.deepEqual(rec.mutations, [])
    const failed = AuditEvent.parse(completionRecord(ex, 'the client closed the connection'))
    assert.equal(failed.decision, 'error')
    assert.equal(failed.message, 'the client closed the connection')
  })

  it('a refusal before classification is recorded with what is known', () => {
    const ex = stubExchange({ method: 'POST', target: '/v1.41/x' })
    const rec = AuditEvent.parse(
      refusalRecord(ex, new Refusal(400, 'airlock: refused: two Content-Length headers')),
    )
    assert.equal(rec.decision, 'deny')
    assert.equal(rec.actionKind, 'unclassified')
    assert.equal(rec.caller.user, 'unauthenticated')
    assert.equal(rec.status, 400)
  })
})
