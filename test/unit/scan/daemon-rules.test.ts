import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DaemonPosture } from '../../../src/model/daemon-posture.js'
import { isDaemonRule } from '../../../src/policy/rule.js'
import { DAEMON_RULES, RULES } from '../../../src/policy/rules/index.js'
import { DEFAULT_SETTINGS } from '../../../src/policy/settings.js'

const ctx = { settings: DEFAULT_SETTINGS }

describe('daemon rule catalogue', () => {
  // Fixtures are run by the catalogue meta-tests (test/unit/policy/catalogue.test.ts) like every rule's.
  it('is the daemon rules of the one catalogue, from AL-0200 up, in order, with daemon- slugs', () => {
    assert.deepEqual(DAEMON_RULES, RULES.filter(isDaemonRule))
    assert.equal(DAEMON_RULES.length, 13)
    const ids = DAEMON_RULES.map((r) => r.id)
    assert.deepEqual(ids, [...ids].sort())
    assert.equal(new Set(RULES.map((r) => r.id)).size, RULES.length)
    assert.equal(new Set(RULES.map((r) => r.slug)).size, RULES.length)
    for (const r of DAEMON_RULES) {
      assert.match(r.id, /^AL-02\d\d$/)
      assert.match(r.slug, /^daemon-[a-z0-9]+(-[a-z0-9]+)*$/)
      assert.ok(['baseline', 'restricted', 'optional'].includes(r.level))
      for (const field of ['title', 'description', 'remediation'] as const)
        assert.ok(r[field].length > 10, `${r.id} ${field}`)
      assert.equal(r.frameworks['cis-docker-1.6'], undefined, `${r.id}: section 5 is for containers`)
      const cis = r.frameworks['cis-docker-1.6-daemon'] ?? []
      assert.ok(cis.length > 0 || (r.frameworks.pss ?? []).length > 0, `${r.id} maps to CIS or PSS`)
      for (const c of cis) assert.match(c, /^[23]\.\d+$/, `${r.id}: ${c} is in sections 2 or 3`)
    }
  })
})

describe('daemon rules on realistic postures', () => {
  const byId = (id: string) => DAEMON_RULES.find((r) => r.id === id)!
  it('a dockerd 20.10 with defaults warns about authz, userns, icc and live restore, and nothing baseline', () => {
    const posture = DaemonPosture.parse({
      securityOptions: ['name=seccomp,profile=default', 'name=cgroupns'],
      insecureRegistries: ['127.0.0.0/8'],
      icc: true,
      files: [
        {
          path: '/var/run/docker.sock',
          role: 'docker-socket',
          uid: 0,
          gid: 999,
          group: 'docker',
          mode: 0o660,
        },
      ],
    })
    const failing = DAEMON_RULES.filter((r) => r.check(posture, ctx).length > 0).map((r) => r.id)
    assert.deepEqual(failing, ['AL-0200', 'AL-0201', 'AL-0202', 'AL-0203'])
    assert.ok(failing.every((id) => byId(id).level === 'restricted'))
  })

  it('names the unauthenticated TCP listener the daemon itself warns about', () => {
    const [f] = byId('AL-0204').check(
      DaemonPosture.parse({ listeners: [{ address: 'tcp://0.0.0.0:2375' }] }),
      ctx,
    )
    assert.match(f?.message ?? '', /tcp:\/\/0\.0\.0\.0:2375 without TLS/)
  })

  it('explains a world-writable socket', () => {
    const posture = DaemonPosture.parse({
      files: [{ path: '/var/run/docker.sock', role: 'docker-socket', uid: 0, gid: 0, mode: 0o666 }],
    })
    const [f] = byId('AL-0205').check(posture, ctx)
    assert.equal(
      f?.message,
      '/var/run/docker.sock has mode 0666, looser than 0660: every local user can use it',
    )
  })
})
