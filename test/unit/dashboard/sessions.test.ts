import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { normalizeBase } from '../../../src/dashboard/dashboard-env.js'
import { Sessions } from '../../../src/dashboard/sessions.js'

const root = { user: 'root', role: 'admin', admin: true }

describe('Sessions', () => {
  it('hands out unguessable ids that expire', () => {
    const clock = { now: 0 }
    const s = new Sessions(1000, 10, () => clock.now)
    const a = s.create(root, 'tok')
    const b = s.create(root, 'tok')
    assert.notEqual(a, b)
    assert.ok(a.length >= 43)
    assert.deepEqual(s.get(a), { principal: root, token: 'tok' })
    clock.now = 1000
    assert.equal(s.get(a), undefined)
    assert.equal(s.get('guess'), undefined)
  })

  it('keeps at most max sessions, dropping the oldest', () => {
    const s = new Sessions(60_000, 3)
    const ids = Array.from({ length: 4 }, () => s.create(root, 'tok'))
    assert.equal(s.get(ids[0] as string), undefined)
    assert.ok(ids.slice(1).every((id) => s.get(id)))
    s.delete(ids[3] as string)
    assert.equal(s.get(ids[3] as string), undefined)
  })
})

describe('normalizeBase', () => {
  it('gives one leading and one trailing slash', () => {
    assert.equal(normalizeBase(), '/')
    assert.equal(normalizeBase('/'), '/')
    assert.equal(normalizeBase('dashboard'), '/dashboard/')
    assert.equal(normalizeBase('/admin/dashboard/'), '/admin/dashboard/')
  })
})
