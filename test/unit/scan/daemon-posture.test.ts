import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DaemonPosture } from '../../../src/model/daemon-posture.js'
import { builtinPolicy } from '../../../src/policy/profiles.js'
import { DAEMON_RULES } from '../../../src/policy/rules/index.js'
import { collectDaemonPosture } from '../../../src/scan/collect-daemon-posture.js'
import { dockerdFor, flagBool, parseDockerdFlags } from '../../../src/scan/dockerd-flags.js'
import type { EngineClient } from '../../../src/scan/engine-client.js'
import { evaluateDaemon } from '../../../src/scan/evaluate-daemon.js'
import type { HostProbe } from '../../../src/scan/host-probe.js'
import { scanLiveHost } from '../../../src/scan/live-host.js'
import { locateDaemonPath } from '../../../src/scan/locate-daemon.js'
import { scanPolicy } from '../../../src/scan/scan-policy.js'

const INFO = {
  ServerVersion: '20.10.24',
  SecurityOptions: ['name=apparmor', 'name=seccomp,profile=default'],
  Plugins: { Authorization: null },
  LiveRestoreEnabled: false,
  ExperimentalBuild: false,
  Debug: false,
  RegistryConfig: {
    InsecureRegistryCIDRs: ['127.0.0.0/8'],
    IndexConfigs: {
      'docker.io': { Name: 'docker.io', Secure: true },
      'registry.lab:5000': { Name: 'registry.lab:5000', Secure: false },
    },
  },
  Warnings: [
    'WARNING: API is accessible on http://0.0.0.0:2375 without encryption.\n         Access to the remote API is equivalent to root access on the host.',
  ],
}

function fakeClient(host: string, responses: Record<string, unknown>, tls = false): EngineClient {
  return {
    host,
    tls,
    get: async (path) =>
      path in responses
        ? { status: 200, body: Buffer.from(JSON.stringify(responses[path])) }
        : { status: 404, body: Buffer.from('{"message":"not found"}') },
  }
}

function fakeProbe(
  files: Record<string, { uid: number; gid: number; mode: number; text?: string }>,
  argv: string[][] = [],
): HostProbe {
  return {
    stat: (p) => files[p],
    readFile: (p) => files[p]?.text,
    listDir: () => undefined,
    dockerdCommandLines: () => argv,
    groupName: (gid) => ({ 0: 'root', 999: 'docker' })[gid],
  }
}

const CONFIG = `{
  "log-level": "debug",
  "icc": true,
  "hosts": ["unix:///run/d/docker.sock", "tcp://0.0.0.0:2375"],
  "insecure-registries": ["registry.lab:5000"]
}
`

describe('dockerd command lines', () => {
  it('parses flags as dockerd does', () => {
    const f = parseDockerdFlags([
      '/usr/bin/dockerd',
      '-H',
      'fd://',
      '--host=tcp://0.0.0.0:2376',
      '--tlsverify',
      '--icc=false',
      '-D',
      '--log-level',
      'warn',
    ])
    assert.deepEqual(f.get('host'), ['fd://', 'tcp://0.0.0.0:2376'])
    assert.equal(flagBool(f, 'tlsverify'), true)
    assert.equal(flagBool(f, 'icc'), false)
    assert.equal(flagBool(f, 'debug'), true)
    assert.deepEqual(f.get('log-level'), ['warn'])
    assert.equal(flagBool(f, 'live-restore'), undefined)
  })

  it('finds the process serving a socket', () => {
    const lines = [
      ['dockerd', '-H', 'unix:///tmp/a.sock'],
      ['dockerd', '-H', 'fd://', '--containerd=/run/containerd/containerd.sock'],
    ]
    assert.deepEqual(dockerdFor('/tmp/a.sock', lines)?.get('host'), ['unix:///tmp/a.sock'])
    assert.deepEqual(dockerdFor('/var/run/docker.sock', lines)?.get('host'), ['fd://'])
    assert.equal(dockerdFor('/tmp/other.sock', lines), undefined)
  })
})

describe('collectDaemonPosture', () => {
  it('reads the API, the daemon.json and flags of a local daemon and the files around it', async () => {
    const client = fakeClient('unix:///run/d/docker.sock', {
      '/version': { Version: '20.10.24', ApiVersion: '1.41' },
      '/info': INFO,
      '/networks/bridge': { Options: { 'com.docker.network.bridge.enable_icc': 'true' } },
    })
    const probe = fakeProbe(
      {
        '/run/d/docker.sock': { uid: 0, gid: 999, mode: 0o666 },
        '/run/d/daemon.json': { uid: 1000, gid: 1000, mode: 0o644, text: CONFIG },
        '/etc/docker': { uid: 0, gid: 0, mode: 0o755 },
      },
      [['dockerd', '--config-file', '/run/d/daemon.json']],
    )
    const { posture } = await collectDaemonPosture(client, probe)
    assert.equal(posture.serverVersion, '20.10.24')
    assert.equal(posture.apiVersion, '1.41')
    assert.equal(posture.icc, true)
    assert.equal(posture.logLevel, 'debug')
    assert.equal(posture.noNewPrivileges, false, 'config and flags were both read and neither sets it')
    assert.deepEqual(posture.insecureRegistries, ['127.0.0.0/8', 'registry.lab:5000'])
    assert.deepEqual(
      posture.listeners.map((l) => [l.address, l.tls, l.source]),
      [
        ['unix:///run/d/docker.sock', false, 'daemon.json'],
        ['tcp://0.0.0.0:2375', false, 'daemon.json'],
      ],
    )
    assert.deepEqual(
      posture.files.map((f) => [f.path, f.role, f.mode, f.group]),
      [
        ['/run/d/docker.sock', 'docker-socket', 0o666, 'docker'],
        ['/run/d/daemon.json', 'daemon.json', 0o644, undefined],
      ],
      'system files are not checked for a daemon with its own socket and config',
    )
    assert.deepEqual(posture.config?.origins['logLevel'], ['log-level'])
    assert.deepEqual(posture.config?.origins['insecureRegistries.1'], ['insecure-registries', 0])
  })

  it('observes what the API shows of a remote daemon, and the client side of a plain TCP connection', async () => {
    const client = fakeClient('tcp://10.0.0.5:2375', { '/info': INFO })
    const { posture } = await collectDaemonPosture(client, fakeProbe({}))
    assert.deepEqual(
      posture.listeners.map((l) => [l.address, l.source]),
      [['tcp://0.0.0.0:2375', 'api']],
    )
    assert.equal(posture.logLevel, undefined)
    assert.equal(posture.noNewPrivileges, undefined)
    assert.equal(posture.icc, undefined)
    assert.deepEqual(posture.files, [])
    const quiet = await collectDaemonPosture(
      fakeClient('tcp://10.0.0.5:2375', { '/info': { ...INFO, Warnings: [] } }),
      fakeProbe({}),
    )
    assert.deepEqual(
      quiet.posture.listeners.map((l) => [l.address, l.source]),
      [['tcp://10.0.0.5:2375', 'client']],
    )
    const tls = await collectDaemonPosture(
      fakeClient('tcp://10.0.0.5:2376', { '/info': { ...INFO, Warnings: [] } }, true),
      fakeProbe({}),
    )
    assert.deepEqual(tls.posture.listeners, [])
  })
})

describe('daemon findings', () => {
  it('are located in daemon.json, on the file concerned, or at the daemon address', async () => {
    const client = fakeClient('unix:///run/d/docker.sock', {
      '/info': INFO,
      '/networks/bridge': { Options: { 'com.docker.network.bridge.enable_icc': 'true' } },
    })
    const probe = fakeProbe(
      {
        '/run/d/docker.sock': { uid: 0, gid: 999, mode: 0o666 },
        '/run/d/daemon.json': { uid: 0, gid: 0, mode: 0o644, text: CONFIG },
      },
      [['dockerd', '--config-file=/run/d/daemon.json']],
    )
    const { posture, sources } = await collectDaemonPosture(client, probe)
    const locate = locateDaemonPath(posture, sources.config?.text)
    assert.deepEqual(locate(['logLevel']), {
      file: '/run/d/daemon.json',
      line: 2,
      column: 16,
      endLine: 2,
      endColumn: 23,
    })
    assert.equal(locate(['listeners', 1]).line, 4)
    assert.equal(locate(['insecureRegistries', 1]).line, 5)
    assert.deepEqual(locate(['files', 0, 'mode']), { file: '/run/d/docker.sock', line: 0, column: 0 })
    assert.deepEqual(locate(['authorizationPlugins']), {
      file: 'unix:///run/d/docker.sock',
      line: 0,
      column: 0,
    })

    const findings = evaluateDaemon(
      posture,
      DAEMON_RULES,
      builtinPolicy('baseline'),
      locate,
      '/repo',
      new Date(),
    )
    const byRule = (id: string) => findings.filter((f) => f.ruleId === id)
    assert.deepEqual(
      byRule('AL-0204').map((f) => [f.result, f.severity, f.file, f.line]),
      [['fail', 'critical', '/run/d/daemon.json', 4]],
    )
    assert.deepEqual(
      byRule('AL-0205').map((f) => [f.result, f.file, f.line]),
      [['fail', '/run/d/docker.sock', undefined]],
    )
    assert.deepEqual(
      byRule('AL-0208').map((f) => f.message),
      ['registry.lab:5000 is an insecure registry: images from it are pulled without TLS verification'],
    )
    assert.equal(byRule('AL-0202')[0]?.result, 'warn')
    assert.equal(byRule('AL-0210')[0]?.result, 'warn')
    assert.ok(findings.every((f) => f.workload === 'daemon' && f.format === 'daemon'))
  })

  it('follow the policy: modes, severities, and exemptions that name only the rule', () => {
    assert.equal(scanPolicy({ profile: 'restricted' }).rules['AL-0203']?.mode, 'enforce')
    assert.equal(scanPolicy({}).rules['AL-0203']?.mode, 'warn')
    const policy = builtinPolicy('restricted')
    policy.rules['AL-0200'] = { mode: 'off', severity: 'medium' }
    policy.rules['AL-0203'] = { mode: 'enforce', severity: 'high' }
    policy.exemptions = [
      { id: 'no-userns', rules: ['AL-0201'], reason: 'kernel too old' },
      { id: 'img', rules: ['AL-0202'], images: ['x'], reason: 'n/a' },
      { id: 'old', rules: ['AL-0209'], reason: 'n/a', expires: '2020-01-01T00:00:00.000Z' },
    ]
    const posture = DaemonPosture.parse({ securityOptions: [], icc: true, experimental: true })
    const findings = evaluateDaemon(
      posture,
      DAEMON_RULES,
      policy,
      () => ({ file: 'unix:///x', line: 0, column: 0 }),
      '/',
      new Date(),
    )
    const of = (id: string) => findings.find((f) => f.ruleId === id)
    assert.equal(of('AL-0200'), undefined)
    assert.equal(of('AL-0203')?.severity, 'high')
    assert.equal(of('AL-0201')?.suppression?.source, 'no-userns')
    assert.equal(of('AL-0202')?.suppression, undefined, 'an exemption by image cannot match a daemon')
    assert.equal(of('AL-0209')?.suppression, undefined, 'an expired exemption does not apply')
    assert.equal(of('AL-0207')?.result, 'fail')
    assert.equal(of('AL-0207')?.file, 'unix:///x')
    assert.equal(of('AL-0207')?.line, undefined)
  })
})

describe('scanLiveHost', () => {
  const inspect = (name: string, hostConfig: object) => ({
    Id: `${name}-id`,
    Name: `/${name}`,
    Image: 'sha256:abc',
    Config: { Image: 'busybox:1', Cmd: ['sh'] },
    HostConfig: { NetworkMode: 'default', CgroupnsMode: 'host', ...hostConfig },
  })
  const responses = (cgroupVersion: string) => ({
    '/containers/json?all=1': [
      { Id: 'web-id', Names: ['/web'] },
      { Id: 'gone-id', Names: ['/gone'] },
      { Id: 'root-id', Names: ['/root'] },
    ],
    '/containers/web-id/json': inspect('web', {}),
    '/containers/root-id/json': inspect('root', { Privileged: true }),
    '/info': { ...INFO, CgroupVersion: cgroupVersion, Warnings: [] },
  })

  it('turns every container into a workload at docker://<name>, skipping ones removed meanwhile', async () => {
    const live = await scanLiveHost(fakeClient('unix:///x.sock', responses('1')), fakeProbe({}))
    assert.deepEqual(
      live.workloads.map((w) => [w.name, w.location.file, w.spec.privileged]),
      [
        ['container root', 'docker://root', true],
        ['container web', 'docker://web', false],
      ],
    )
    assert.deepEqual(live.errors, [])
  })

  it("attributes a cgroup v1 daemon's default host cgroupns to the daemon, not to each container", async () => {
    const v1 = await scanLiveHost(fakeClient('unix:///x.sock', responses('1')), fakeProbe({}))
    assert.equal(v1.posture.defaultCgroupnsMode, 'host')
    assert.ok(v1.workloads.every((w) => w.spec.namespaces.cgroup === ''))
    const v2 = await scanLiveHost(fakeClient('unix:///x.sock', responses('2')), fakeProbe({}))
    assert.equal(v2.posture.defaultCgroupnsMode, 'private')
    assert.ok(
      v2.workloads.every((w) => w.spec.namespaces.cgroup === 'host'),
      'on v2 a host cgroupns was asked for',
    )
  })
})
