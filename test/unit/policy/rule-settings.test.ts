import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Action, type ActionInput } from '../../../src/model/action.js'
import { ContainerSpec, type ContainerSpecInput } from '../../../src/model/container-spec.js'
import type { RawFinding } from '../../../src/model/finding.js'
import { isContainerRule } from '../../../src/policy/rule.js'
import { RULES } from '../../../src/policy/rules/index.js'
import { DEFAULT_SETTINGS, type RuleSettings } from '../../../src/policy/settings.js'

/** Runs one rule by slug with settings overridden: the fixtures only ever see the defaults. */
function run(
  slug: string,
  subject: ContainerSpecInput | ActionInput,
  overrides: Partial<RuleSettings>,
): RawFinding[] {
  const rule = RULES.find((r) => r.slug === slug)
  assert.ok(rule, slug)
  const ctx = { settings: { ...DEFAULT_SETTINGS, ...overrides } }
  if (isContainerRule(rule)) return rule.check(ContainerSpec.parse(subject), ctx)
  return (rule.check as (a: Action, c: typeof ctx) => RawFinding[])(Action.parse(subject), ctx)
}

describe('rules read their settings', () => {
  const registries = { allowedRegistries: ['registry.example.com', 'docker.io/library'] }

  it('registry-allowed: only allowed registries, with Docker normalization', () => {
    assert.deepEqual(run('registry-allowed', { image: 'nginx:1.27' }, registries), [])
    assert.deepEqual(run('registry-allowed', { image: 'registry.example.com/team/app' }, registries), [])
    assert.match(
      run('registry-allowed', { image: 'someone/nginx' }, registries)[0]?.message ?? '',
      /docker\.io/,
    )
    assert.match(
      run('registry-allowed', { image: 'ghcr.io/x/y:1' }, registries)[0]?.message ?? '',
      /ghcr\.io, which is not allowed/,
    )
    assert.match(
      run('registry-allowed', { image: 'registry.example.com.evil.io/app' }, registries)[0]?.message ?? '',
      /not allowed/,
    )
    assert.match(
      run('registry-allowed', { image: `sha256:${'a'.repeat(64)}` }, registries)[0]?.message ?? '',
      /by id/,
    )
    assert.match(run('registry-allowed', { image: 'abc123' }, registries)[0]?.message ?? '', /id prefix/)
  })

  it('pull-registry-allowed: pulls, Dockerfile bases and plugins', () => {
    assert.deepEqual(
      run('pull-registry-allowed', { kind: 'image.create', fromImage: 'alpine', tag: '3.20' }, registries),
      [],
    )
    assert.equal(
      run('pull-registry-allowed', { kind: 'image.create', fromImage: 'quay.io/x/y' }, registries).length,
      1,
    )
    const build = {
      kind: 'image.build',
      buildArgs: { REG: 'evil.io' },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile variables
      dockerfileText: 'ARG REG=registry.example.com\nFROM ${REG}/base:1\nFROM alpine:3.20\nFROM ${NOPE}\n',
    } as const
    const findings = run('pull-registry-allowed', build, registries)
    assert.equal(findings.length, 2)
    assert.match(findings[0]?.message ?? '', /line 2: base image evil\.io\/base:1/)
    assert.match(findings[1]?.message ?? '', /line 4: .*cannot resolve/)
    assert.equal(
      run('pull-registry-allowed', { kind: 'plugin.pull', remote: 'vieux/sshfs' }, registries).length,
      1,
    )
  })

  it('restricted-host-binds: allowed prefixes, compared after cleaning', () => {
    const allowed = { allowedHostPaths: ['/srv/data'] }
    const bind = (source: string): ContainerSpecInput => ({
      mounts: [{ type: 'bind', source, target: '/d' }],
    })
    assert.deepEqual(run('restricted-host-binds', bind('/srv/data/app'), allowed), [])
    assert.equal(run('restricted-host-binds', bind('/srv/data/../secrets'), allowed).length, 1)
    assert.equal(run('restricted-host-binds', bind('/srv/database'), allowed).length, 1)
  })

  it('no-host-devices: allowed devices, exact or prefix', () => {
    const allowed = { allowedDevices: ['/dev/fuse', '/dev/dri/*'] }
    assert.deepEqual(
      run(
        'no-host-devices',
        { devices: [{ pathOnHost: '/dev/fuse' }, { pathOnHost: '/dev/dri/renderD128' }] },
        allowed,
      ),
      [],
    )
    assert.equal(run('no-host-devices', { devices: [{ pathOnHost: '/dev/dri/../sda' }] }, allowed).length, 1)
  })

  it('no-unsafe-sysctls: allowed names and prefixes', () => {
    const allowed = { allowedSysctls: ['net.core.somaxconn', 'net.ipv4.tcp_*'] }
    assert.deepEqual(
      run(
        'no-unsafe-sysctls',
        { sysctls: { 'net.core.somaxconn': '1024', 'net/ipv4/tcp_mtu_probing': '1' } },
        allowed,
      ),
      [],
    )
    assert.equal(
      run(
        'no-unsafe-sysctls',
        { sysctls: { 'net.core.somaxconn': '1' }, namespaces: { network: 'host' } },
        allowed,
      ).length,
      1,
    )
  })

  it('no-cgroup-parent and build-safe-options: allowed cgroup parents', () => {
    const allowed = { allowedCgroupParents: ['kubepods*'] }
    assert.deepEqual(run('no-cgroup-parent', { cgroupParent: 'kubepods-besteffort.slice' }, allowed), [])
    assert.equal(run('no-cgroup-parent', { cgroupParent: 'system.slice' }, allowed).length, 1)
    assert.deepEqual(
      run('build-safe-options', { kind: 'image.build', cgroupParent: 'kubepods' }, allowed),
      [],
    )
  })

  it('drop-all-capabilities: allowed capabilities in any spelling', () => {
    const allowed = { allowedCapabilities: ['chown', 'CAP_NET_BIND_SERVICE'] }
    assert.deepEqual(
      run('drop-all-capabilities', { capDrop: ['ALL'], capAdd: ['CAP_CHOWN', 'net_bind_service'] }, allowed),
      [],
    )
  })

  it('pids-limit: the configured maximum', () => {
    assert.equal(run('pids-limit', { resources: { pidsLimit: 1000 } }, { maxPidsLimit: 500 }).length, 1)
  })

  it('no-privileged-host-ports: the configured boundary', () => {
    const spec = { ports: [{ containerPort: '80/tcp', hostPort: '1500' }] }
    assert.deepEqual(run('no-privileged-host-ports', spec, {}), [])
    assert.equal(run('no-privileged-host-ports', spec, { privilegedPortMax: 2000 }).length, 1)
  })

  it('allow-list rules accept what the administrator adds', () => {
    assert.deepEqual(run('runtime-allowed', { runtime: 'runsc' }, { allowedRuntimes: ['', 'runsc'] }), [])
    assert.deepEqual(
      run('log-driver-allowed', { logConfig: { type: 'syslog' } }, { allowedLogDrivers: ['syslog'] }),
      [],
    )
    assert.deepEqual(
      run(
        'volume-driver-allowed',
        { mounts: [{ type: 'volume', source: 'v', target: '/v', volumeDriver: 'nfsplugin' }] },
        { allowedVolumeDrivers: ['nfsplugin'] },
      ),
      [],
    )
    assert.deepEqual(
      run(
        'network-driver-allowed',
        { kind: 'network.create', driver: 'weave' },
        { allowedNetworkDrivers: ['weave'] },
      ),
      [],
    )
    assert.deepEqual(
      run(
        'volume-create-restricted-binds',
        { kind: 'volume.create', driverOpts: { type: 'none', o: 'bind', device: '/srv/a' } },
        { allowedHostPaths: ['/srv'] },
      ),
      [],
    )
  })
})
