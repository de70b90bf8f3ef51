import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { effectiveRateLimits, type RateLimitSettings } from '../../../src/monitor/rate-limit-settings.js'
import { RateLimiter } from '../../../src/monitor/rate-limiter.js'
import { parsePolicy } from '../../../src/policy/load-policy.js'

const alice = { user: 'alice', groups: ['dev'] }
const bob = { user: 'bob', groups: [] }

function limits(yaml: string): RateLimitSettings {
  return effectiveRateLimits(parsePolicy(yaml, 'p.yaml'))
}

/** Small limits the tests count against (the defaults are far larger). */
const SMALL = limits(
  [
    'rateLimits:',
    '  create: { perMinute: 60, burst: 20 }',
    '  exec: { perMinute: 120, burst: 40 }',
    '  read: { perMinute: 1200, burst: 400 }',
    '  write: { perMinute: 600, burst: 200 }',
    '  concurrent: { attach: 8, build: 2 }',
    '',
  ].join('\n'),
)

describe('RateLimiter', () => {
  it('lets the burst through, then refuses with Retry-After and the limit', () => {
    const limiter = new RateLimiter(() => SMALL)
    for (let i = 0; i < 20; i++)
      assert.equal(limiter.checkRate(alice, 'container.create', 0).allowed, true, `call ${i}`)
    const v = limiter.checkRate(alice, 'container.create', 0)
    assert.equal(v.allowed, false)
    assert.equal(v.retryAfterSeconds, 1)
    assert.deepEqual(v.limit, { kind: 'rate', class: 'create', perMinute: 60, burst: 20 })
    assert.equal(limiter.checkRate(alice, 'container.create', 999).allowed, false)
    assert.equal(
      limiter.checkRate(alice, 'container.create', 1000).allowed,
      true,
      'one token a second at 60/min',
    )
  })

  it('keeps a bucket per class: creates spent do not stop reads', () => {
    const limiter = new RateLimiter(() => SMALL)
    for (let i = 0; i < 20; i++) limiter.checkRate(alice, 'container.create', 0)
    assert.equal(limiter.checkRate(alice, 'container.create', 0).allowed, false)
    assert.equal(limiter.checkRate(alice, 'container.list', 0).allowed, true)
    assert.equal(limiter.checkRate(alice, 'exec.create', 0).allowed, true)
  })

  it('a flood from one caller costs the others nothing, and adds no state', () => {
    const limiter = new RateLimiter(() => SMALL)
    let refused = 0
    for (let i = 0; i < 100_000; i++)
      if (!limiter.checkRate(alice, 'container.create', i / 1000).allowed) refused++
    assert.ok(refused > 99_000, `alice was refused ${refused} times`)
    assert.equal(limiter.size, 1)
    for (let i = 0; i < 20; i++)
      assert.equal(limiter.checkRate(bob, 'container.create', 100).allowed, true, `bob ${i}`)
    assert.equal(limiter.size, 2)
  })

  it('reports the wait for a slow rate in whole seconds', () => {
    const limiter = new RateLimiter(() => limits('rateLimits:\n  create: { perMinute: 2, burst: 1 }\n'))
    assert.equal(limiter.checkRate(alice, 'container.create', 0).allowed, true)
    const v = limiter.checkRate(alice, 'container.create', 1000)
    assert.equal(v.retryAfterSeconds, 29)
  })

  it('applies the first matching override by user, group or role', () => {
    const settings = limits(
      [
        'rateLimits:',
        '  create: { perMinute: 6, burst: 2 }',
        '  overrides:',
        '    - name: ci',
        '      groups: [ci]',
        '      create: { perMinute: unlimited }',
        '    - roles: [admin]',
        '      create: { burst: 5 }',
      ].join('\n'),
    )
    const limiter = new RateLimiter(() => settings)
    for (let i = 0; i < 1000; i++)
      assert.equal(limiter.checkRate({ user: 'ci-bot', groups: ['ci'] }, 'container.create', 0).allowed, true)
    const root = { user: 'root', groups: [], role: 'admin' }
    for (let i = 0; i < 5; i++) assert.equal(limiter.checkRate(root, 'container.create', 0).allowed, true)
    const v = limiter.checkRate(root, 'container.create', 0)
    assert.equal(v.allowed, false)
    assert.deepEqual(v.limit, { kind: 'rate', class: 'create', perMinute: 6, burst: 5 })
    limiter.checkRate(alice, 'container.create', 0)
    limiter.checkRate(alice, 'container.create', 0)
    assert.equal(limiter.checkRate(alice, 'container.create', 0).allowed, false)
  })

  it('lets everything through when rate limiting is off', () => {
    const limiter = new RateLimiter(() => limits('rateLimits:\n  enabled: false\n'))
    for (let i = 0; i < 100; i++) assert.equal(limiter.checkRate(alice, 'container.create', 0).allowed, true)
    assert.equal(limiter.size, 0)
  })

  it('caps concurrent attaches and builds per caller, and frees slots on release', () => {
    const limiter = new RateLimiter(() => SMALL)
    assert.equal(limiter.acquire(alice, 'image.build', 0).allowed, true)
    assert.equal(limiter.acquire(alice, 'image.build', 0).allowed, true)
    const v = limiter.acquire(alice, 'image.build', 0)
    assert.equal(v.allowed, false)
    assert.deepEqual(v.limit, { kind: 'concurrency', class: 'build', concurrent: 2 })
    assert.equal(v.retryAfterSeconds, 1)
    assert.equal(limiter.acquire(bob, 'image.build', 0).allowed, true, 'other callers have their own slots')
    limiter.release(alice, 'image.build')
    assert.equal(limiter.acquire(alice, 'image.build', 0).allowed, true)
    for (let i = 0; i < 8; i++)
      assert.equal(limiter.acquire(alice, i % 2 ? 'exec.start' : 'container.attach', 0).allowed, true)
    assert.equal(limiter.acquire(alice, 'container.attach', 0).allowed, false)
    assert.deepEqual(limiter.open('alice'), { attach: 8, build: 2 })
    assert.equal(limiter.acquire(alice, 'container.list', 0).allowed, true, 'uncounted kinds take no slot')
    limiter.release('alice', 'container.list')
    assert.deepEqual(limiter.open('alice'), { attach: 8, build: 2 })
  })

  it('never lets a release go below zero', () => {
    const limiter = new RateLimiter(() => SMALL)
    limiter.release(alice, 'image.build')
    limiter.acquire(alice, 'image.build', 0)
    limiter.release(alice, 'image.build')
    limiter.release(alice, 'image.build')
    assert.deepEqual(limiter.open('alice'), { attach: 0, build: 0 })
  })

  it('stays within maxCallers, forgetting idle callers first and never one holding a slot', () => {
    const limiter = new RateLimiter(() => SMALL, { maxCallers: 100 })
    limiter.acquire(alice, 'image.build', 0)
    for (let i = 0; i < 1000; i++) limiter.checkRate({ user: `u${i}`, groups: [] }, 'container.list', i)
    assert.ok(limiter.size <= 100, `size ${limiter.size}`)
    assert.deepEqual(limiter.open('alice'), { attach: 0, build: 1 }, 'a caller with an open slot is kept')
  })

  it('sweep forgets callers only once their buckets are full again', () => {
    const limiter = new RateLimiter(() => SMALL)
    limiter.checkRate(alice, 'container.create', 0)
    limiter.sweep(19_999)
    assert.equal(limiter.size, 1)
    limiter.sweep(20_000)
    assert.equal(limiter.size, 0)
  })

  it('applies a reloaded policy to callers it already knows, keeping their spent tokens', () => {
    let settings = SMALL
    const limiter = new RateLimiter(() => settings)
    for (let i = 0; i < 15; i++) limiter.checkRate(alice, 'container.create', 0)
    settings = limits('rateLimits:\n  create: { perMinute: 60, burst: 3 }\n')
    assert.equal(limiter.checkRate(alice, 'container.create', 0).allowed, true)
    assert.equal(limiter.checkRate(alice, 'container.create', 0).allowed, true)
    assert.equal(limiter.checkRate(alice, 'container.create', 0).allowed, true)
    assert.equal(limiter.checkRate(alice, 'container.create', 0).allowed, false)
  })
})
