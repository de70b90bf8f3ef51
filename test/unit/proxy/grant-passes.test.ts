import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { applyCreateMutations } from '../../../src/adapters/docker-create/apply-mutations.js'
import { guardGrantedContainer, labelGrantIds } from '../../../src/enforce/proxy/grant-guard-pass.js'
import { labelAllowed, ownerLabelMutations } from '../../../src/enforce/proxy/label-pass.js'
import { Refusal } from '../../../src/enforce/proxy/refusal.js'
import { runExchange } from '../../../src/enforce/proxy/run-exchange.js'
import type { Grant } from '../../../src/model/grant.js'
import { stubDeps, stubExchange } from './fixtures.js'

const t0 = Date.parse('2030-01-01T00:00:00Z')
const grant = (id: string, extra: Partial<Grant> = {}): Grant => ({
  id,
  subject: 'alice',
  rules: ['AL-0021'],
  reason: 'r',
  createdBy: 'root',
  createdAt: new Date(t0).toISOString(),
  expiresAt: new Date(t0 + 60_000).toISOString(),
  ...extra,
})

function startEx(labels: Record<string, string>, kind = 'start') {
  const ex = stubExchange({ method: 'POST', target: `/v1.41/containers/web/${kind}` })
  ex.request = { route: { kind: `container.${kind}` } } as never
  ex.resolved = { type: 'container', ref: 'web', id: 'a'.repeat(64), labels }
  return ex
}

describe('grant guard pass', () => {
  it('lets a container created under an active grant start, and refuses once the grant ended', () => {
    const now = new Date(t0 + 1000)
    guardGrantedContainer(startEx({ 'airlock.grant': 'g-1' }), [grant('g-1')], false, now)
    guardGrantedContainer(startEx({ 'airlock.grant': '' }), [], false, now)
    guardGrantedContainer(startEx({}), [], false, now)
    const denied = (status: string) => (e: unknown) =>
      e instanceof Refusal &&
      e.status === 403 &&
      e.message ===
        `airlock: denied: container web was created under grant g-1, which is ${status}; it may not start again`
    assert.throws(
      () =>
        guardGrantedContainer(
          startEx({ 'airlock.grant': 'g-1' }),
          [grant('g-1')],
          false,
          new Date(t0 + 60_000),
        ),
      denied('expired'),
    )
    assert.throws(
      () =>
        guardGrantedContainer(
          startEx({ 'airlock.grant': 'g-1' }),
          [grant('g-1', { revokedAt: 'x' })],
          false,
          now,
        ),
      denied('revoked'),
    )
    assert.throws(
      () => guardGrantedContainer(startEx({ 'airlock.grant': 'g-1' }), [grant('g-1')], true, now),
      denied('pending'),
    )
    assert.throws(
      () => guardGrantedContainer(startEx({ 'airlock.grant': 'g-1' }), [], false, now),
      denied('unknown'),
    )
    assert.throws(
      () =>
        guardGrantedContainer(startEx({ 'airlock.grant': 'g-2,g-1' }, 'restart'), [grant('g-2')], false, now),
      /which is unknown; it may not restart/,
    )
    assert.deepEqual(labelGrantIds('g-1,,g-2'), ['g-1', 'g-2'])
  })
})

describe('label pass', () => {
  it('adds owner and grant labels to an allowed create, after the resolved references', () => {
    const ex = stubExchange()
    ex.identity = { user: 'alice', groups: [], via: 'token' }
    ex.action = { kind: 'container.create' } as never
    ex.extraMutations = [{ path: ['links'], value: ['x:y'], reason: '' }]
    ex.decision = {
      allowed: true,
      message: 'allowed',
      findings: [],
      mutations: [],
      grantIds: ['g-1', 'g-2'],
      warnings: [],
    }
    labelAllowed(ex)
    assert.deepEqual(
      ex.decision.mutations.map((m) => [m.path.join('.'), m.value]),
      [
        ['links', ['x:y']],
        ['labels.airlock.owner', 'alice'],
        ['labels.airlock.grant', 'g-1,g-2'],
      ],
    )
    const anon = stubExchange()
    anon.identity = { user: 'listener:x', groups: [], via: 'listener' }
    anon.action = { kind: 'container.create' } as never
    anon.decision = { allowed: true, message: '', findings: [], mutations: [], grantIds: [], warnings: [] }
    labelAllowed(anon)
    assert.deepEqual(anon.decision.mutations, [])
  })
  it('the create body carries the labels (an image label is overridden by the empty grant label)', () => {
    const body = Object.assign(Object.create(null), {
      Image: 'x',
      Labels: new Map([
        ['app', 'web'],
        ['airlock.grant', 'g-old'],
      ]),
    })
    applyCreateMutations(body, ownerLabelMutations('alice', []))
    assert.deepEqual(Object.fromEntries(body.Labels), {
      app: 'web',
      'airlock.grant': '',
      'airlock.owner': 'alice',
    })
  })
  it('a create through the passes is forwarded with the owner label and recorded with it', async () => {
    const deps = stubDeps({ authenticator: () => ({ user: 'alice', groups: ['dev'], via: 'token' }) })
    const body = Buffer.from('{"Image":"busybox"}')
    const ex = stubExchange({
      method: 'POST',
      target: '/v1.41/containers/create',
      rawHeaders: [
        'Host',
        'docker',
        'Content-Type',
        'application/json',
        'Content-Length',
        String(body.length),
      ],
      body,
    })
    let sent: unknown
    await runExchange(ex, deps, async (e) => {
      if (e.interpretation?.body.kind === 'encoded')
        sent = JSON.parse(e.interpretation.body.encode(e.decision?.mutations ?? []).toString())
      return {}
    })
    assert.deepEqual((sent as { Labels: unknown }).Labels, { 'airlock.grant': '', 'airlock.owner': 'alice' })
    const rec = deps.store.calls.find((c) => c.event.extra?.['phase'] === 'decision')?.event
    assert.ok(rec?.mutations?.some((m) => m.path.join('.') === 'labels.airlock.owner' && m.value === 'alice'))
    assert.deepEqual(rec?.caller, { user: 'alice', groups: ['dev'], role: 'developer', via: 'token' })
  })
})
