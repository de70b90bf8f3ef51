import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { READ_ONLY_KINDS } from '../../../src/enforce/proxy/read-only-kinds.js'
import { ACTION_KINDS } from '../../../src/model/action.js'
import {
  concurrencyClassOf,
  RATE_CLASSES,
  rateClassIndex,
  rateClassOf,
} from '../../../src/monitor/action-class.js'

describe('action classes', () => {
  it('reads are exactly the kinds the proxy treats as read-only', () => {
    const reads = ACTION_KINDS.filter((k) => rateClassOf(k) === 'read').sort()
    assert.deepEqual(reads, [...READ_ONLY_KINDS].sort())
  })

  it('puts what makes something new in create, exec.create alone in exec, and the rest in write', () => {
    for (const k of [
      'container.create',
      'image.build',
      'image.create',
      'volume.create',
      'network.create',
      'service.create',
    ]) {
      assert.equal(rateClassOf(k), 'create', k)
    }
    assert.deepEqual(
      ACTION_KINDS.filter((k) => rateClassOf(k) === 'exec'),
      ['exec.create'],
    )
    for (const k of ['container.kill', 'container.start', 'exec.start', 'swarm.init', 'session']) {
      assert.equal(rateClassOf(k), 'write', k)
    }
  })

  it('classifies kinds it does not know as write (they are not free)', () => {
    assert.equal(rateClassOf('unclassified'), 'write')
    assert.equal(rateClassOf('something.new'), 'write')
  })

  it('counts attach and exec streams and builds for concurrency, nothing else', () => {
    const counted = ACTION_KINDS.filter((k) => concurrencyClassOf(k) !== undefined).sort()
    assert.deepEqual(counted, ['container.attach', 'exec.start', 'image.build'])
    assert.equal(concurrencyClassOf('exec.start'), 'attach')
    assert.equal(concurrencyClassOf('image.build'), 'build')
  })

  it('indexes every rate class once', () => {
    assert.deepEqual(
      RATE_CLASSES.map((c) => rateClassIndex(c)),
      [0, 1, 2, 3],
    )
  })
})
