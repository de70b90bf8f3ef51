import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BUILTIN_ROLES } from '../../../src/identity/builtin-roles.js'
import { expandKindPattern, kindSet } from '../../../src/identity/kind-patterns.js'
import { policyForProfile } from '../../../src/identity/role-policy.js'
import { defaultRoleName, roleNamed } from '../../../src/identity/roles.js'
import { ACTION_KINDS } from '../../../src/model/action.js'
import { parsePolicy } from '../../../src/policy/load-policy.js'
import { builtinPolicy } from '../../../src/policy/profiles.js'

const policy = builtinPolicy('baseline')

describe('built-in roles', () => {
  it('viewer reads metadata only: no container configuration, logs, files, streams or writes', () => {
    const viewer = roleNamed('viewer', policy)!
    for (const k of [
      'container.list',
      'image.list',
      'volume.list',
      'network.inspect',
      'system.events',
      'container.stats',
    ]) {
      assert.ok(viewer.kinds.has(k as never), k)
    }
    for (const k of [
      'container.inspect',
      'container.logs',
      'container.top',
      'container.changes',
      'container.export',
      'archive.get',
      'container.attach',
      'exec.create',
      'exec.inspect',
      'image.get',
      'config.inspect',
      'secret.inspect',
      'container.create',
      'volume.create',
      'container.delete',
    ]) {
      assert.ok(!viewer.kinds.has(k as never), k)
    }
    assert.equal(viewer.visibility, 'all')
    assert.equal(viewer.admin, false)
  })
  it('developer runs the lifecycle of its own objects, not cluster-wide or shared ones', () => {
    const dev = roleNamed('developer', policy)!
    for (const k of [
      'container.create',
      'container.start',
      'exec.create',
      'exec.start',
      'image.build',
      'image.create',
      'volume.create',
      'network.connect',
      'archive.put',
      'container.prune',
    ]) {
      assert.ok(dev.kinds.has(k as never), k)
    }
    for (const k of [
      'image.load',
      'plugin.pull',
      'swarm.init',
      'service.create',
      'secret.create',
      'system.df',
      'build.prune',
      'grpc',
      'volume.update',
    ]) {
      assert.ok(!dev.kinds.has(k as never), k)
    }
    assert.equal(dev.visibility, 'own')
  })
  it('admin may do every kind; auditor only pings; the default role is developer', () => {
    assert.equal(roleNamed('admin', policy)?.kinds.size, ACTION_KINDS.length)
    assert.deepEqual([...roleNamed('auditor', policy)!.kinds].sort(), ['system.ping', 'system.version'])
    assert.equal(roleNamed('auditor', policy)?.audit, true)
    assert.equal(defaultRoleName(policy), 'developer')
    assert.equal(roleNamed('nobody', policy), undefined)
    for (const r of Object.values(BUILTIN_ROLES))
      for (const p of [...r.allow, ...r.deny]) assert.ok(expandKindPattern(p).length > 0, p)
  })
  it('kind patterns: *, prefixes and exact kinds', () => {
    assert.ok(expandKindPattern('volume.*').includes('volume.prune'))
    assert.deepEqual(expandKindPattern('container.create'), ['container.create'])
    assert.deepEqual(expandKindPattern('contianer.*'), [])
    assert.equal(kindSet(['container.*'], ['container.export']).has('container.export'), false)
  })
})

describe('roles in the policy file', () => {
  it('overrides fields of built-in roles, adds roles and sets the default role', () => {
    const p = parsePolicy(
      [
        'roles:',
        '  developer: { profile: restricted, deny: [image.push, image.load] }',
        '  ci: { allow: [image.build, image.push, "system.*"], visibility: own }',
        'identity: { defaultRole: viewer }',
      ].join('\n'),
    )
    const dev = roleNamed('developer', p)!
    assert.equal(dev.profile, 'restricted')
    assert.equal(dev.kinds.has('image.push'), false)
    assert.equal(dev.kinds.has('container.create'), true)
    assert.deepEqual([...roleNamed('ci', p)!.kinds].filter((k) => k.startsWith('image')).sort(), [
      'image.build',
      'image.push',
    ])
    assert.equal(defaultRoleName(p), 'viewer')
  })
  it('refuses unknown kinds, new roles without allow and an unknown default role, with the line', () => {
    assert.throws(
      () => parsePolicy('roles:\n  viewer: { allow: [container.lst] }\n'),
      /policy\.yaml:\d+:\d+: roles\.viewer\.allow\.0: "container\.lst" names no action kind/,
    )
    assert.throws(
      () => parsePolicy('roles:\n  ci: { deny: [image.push] }\n'),
      /role "ci" is not built in: say what it may do/,
    )
    assert.throws(() => parsePolicy('identity:\n  defaultRole: root\n'), /unknown role "root"/)
    assert.throws(() => parsePolicy('roles:\n  Dev: { allow: ["*"] }\n'), /roles\.Dev: Invalid key in record/)
  })
  it('a role profile only tightens: restricted rules enforce for that role, explicit rule modes stay', () => {
    const p = parsePolicy('rules:\n  AL-0050: warn\n')
    const strict = policyForProfile(p, 'restricted')
    assert.equal(strict.profile, 'restricted')
    assert.equal(strict.rules['AL-0050']?.mode, 'warn')
    const restrictedOnly = Object.entries(p.rules).find(([id, r]) => r.mode === 'warn' && id !== 'AL-0050')
    assert.ok(restrictedOnly)
    assert.equal(strict.rules[restrictedOnly[0]]?.mode, 'enforce')
    assert.equal(policyForProfile(p, 'restricted'), strict, 'computed once')
    assert.equal(policyForProfile(p, 'baseline'), p)
    assert.equal(policyForProfile(builtinPolicy('restricted'), 'baseline').profile, 'restricted')
  })
})
