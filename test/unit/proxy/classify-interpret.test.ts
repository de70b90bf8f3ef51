import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { classify } from '../../../src/enforce/proxy/classify-pass.js'
import { interpret } from '../../../src/enforce/proxy/interpret-pass.js'
import { Refusal } from '../../../src/enforce/proxy/refusal.js'
import { AmbiguousRequestError, InputError } from '../../../src/errors.js'
import { stubExchange } from './fixtures.js'

function refusalOf(fn: () => void): Refusal {
  try {
    fn()
  } catch (err) {
    assert.ok(err instanceof Refusal)
    return err
  }
  assert.fail('expected a refusal')
}

describe('classify pass', () => {
  it('classifies with the daemon default version for unversioned paths', () => {
    const ex = stubExchange({ method: 'POST', target: '/containers/create?name=web' })
    classify(ex, '1.43')
    assert.equal(ex.request?.route.kind, 'container.create')
    assert.equal(ex.request?.version, '1.43')
  })

  it('refuses paths dockerd would clean or redirect (400)', () => {
    const r = refusalOf(() => classify(stubExchange({ target: '/v1.41/containers/../images/json' }), '1.41'))
    assert.equal(r.status, 400)
    assert.match(r.message, /^airlock: refused: /)
  })

  it('denies what it cannot classify (403, Docker error message)', () => {
    const r = refusalOf(() => classify(stubExchange({ target: '/v1.41/debug/pprof/' }), '1.41'))
    assert.equal(r.status, 403)
    assert.equal(r.outcome, 'deny')
    assert.match(r.message, /^airlock: denied: cannot classify the request: unknown endpoint GET/)
  })

  it('refuses an Upgrade request to a route that does not hijack', () => {
    const r = refusalOf(() =>
      classify(stubExchange({ method: 'POST', target: '/v1.41/containers/create', upgrade: true }), '1.41'),
    )
    assert.equal(r.status, 400)
    const ok = stubExchange({ method: 'POST', target: '/v1.41/containers/a/attach?stream=1', upgrade: true })
    classify(ok, '1.41')
    assert.equal(ok.request?.route.hijack, true)
  })
})

describe('interpret pass', () => {
  const classified = () => {
    const ex = stubExchange({ method: 'POST', target: '/v1.41/containers/create' })
    classify(ex, '1.41')
    return ex
  }

  it('maps ambiguity to 400, input errors to 400 and anything else to 500 (fail closed)', () => {
    const amb = refusalOf(() =>
      interpret(classified(), () => {
        throw new AmbiguousRequestError('duplicate key "Image"')
      }),
    )
    assert.equal(amb.status, 400)
    assert.match(amb.message, /duplicate key/)
    const input = refusalOf(() =>
      interpret(classified(), () => {
        throw new InputError('json: cannot unmarshal string into Go struct field')
      }),
    )
    assert.equal(input.status, 400)
    const bug = refusalOf(() =>
      interpret(classified(), () => {
        throw new TypeError('x is undefined')
      }),
    )
    assert.equal(bug.status, 500)
    assert.equal(bug.outcome, 'error')
    assert.match(bug.message, /^airlock: denied: cannot interpret the request/)
  })

  it('sets the interpretation and the action', () => {
    const ex = classified()
    ex.bodyBuffer = Buffer.from('{"Image":"busybox"}')
    ;(ex.headers as Record<string, string>)['content-type'] = 'application/json'
    interpret(ex, (input) => ({
      action: { kind: 'system.ping' } as never,
      body: { kind: 'encoded', encode: () => input.body ?? Buffer.alloc(0) },
      notes: [],
      normalizations: [],
    }))
    assert.equal(ex.action?.kind, 'system.ping')
    assert.equal(ex.interpretation?.body.kind, 'encoded')
  })
})
