import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { rateLimitReply } from '../../../src/monitor/rate-limit-reply.js'

describe('rateLimitReply', () => {
  it('says which rate limit was hit and when to retry, with Retry-After', () => {
    const r = rateLimitReply(
      {
        allowed: false,
        retryAfterSeconds: 3,
        limit: { kind: 'rate', class: 'create', perMinute: 60, burst: 20 },
      },
      'alice',
      'container.create',
    )
    assert.equal(r.status, 429)
    assert.equal(
      r.message,
      'airlock: too many requests: alice may make 60 create calls per minute (burst 20); container.create refused, retry in 3s',
    )
    assert.deepEqual(r.headers, { 'Retry-After': '3' })
    assert.deepEqual(r.extra, {
      rateLimit: { class: 'create', perMinute: 60, burst: 20, retryAfterSeconds: 3 },
    })
  })

  it('says how many streams or builds may be open at once', () => {
    const r = rateLimitReply(
      {
        allowed: false,
        retryAfterSeconds: 1,
        limit: { kind: 'concurrency', class: 'attach', concurrent: 8 },
      },
      'bob',
      'exec.start',
    )
    assert.equal(
      r.message,
      'airlock: too many requests: bob may have 8 attach or exec streams open at once; exec.start refused, retry in 1s',
    )
    assert.deepEqual(r.extra.rateLimit, { class: 'attach', concurrent: 8, retryAfterSeconds: 1 })
  })
})
