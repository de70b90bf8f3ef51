import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type ActionInput, action } from '../../../src/model/action.js'
import type { ContainerSpecInput } from '../../../src/model/container-spec.js'
import { decide } from '../../../src/policy/decide.js'
import { builtinPolicy } from '../../../src/policy/profiles.js'

const create = (spec: ContainerSpecInput): ActionInput => ({ kind: 'container.create', spec })

/** What ordinary users run every day: none of it may be blocked by the default policy. */
const ORDINARY: Record<string, ActionInput> = {
  'docker run -p 8080:80 nginx': create({
    image: 'nginx',
    ports: [{ containerPort: '80/tcp', hostPort: '8080' }],
  }),
  'docker run -v "$PWD":/src node npm test': create({
    image: 'node:20',
    command: ['npm', 'test'],
    workingDir: '/src',
    mounts: [{ type: 'bind', source: '/home/dev/project', target: '/src' }],
  }),
  'docker run -v /etc/localtime:/etc/localtime:ro app': create({
    image: 'app:1',
    mounts: [{ type: 'bind', source: '/etc/localtime', target: '/etc/localtime', readOnly: true }],
  }),
  'compose service with named volume, published ports, network and restart policy': create({
    image: 'postgres:16',
    name: 'app-db-1',
    env: ['POSTGRES_PASSWORD=secret'],
    labels: { 'com.docker.compose.project': 'app' },
    mounts: [
      { type: 'volume', source: 'app_pgdata', target: '/var/lib/postgresql/data', volumeDriver: 'local' },
    ],
    ports: [{ containerPort: '5432/tcp', hostIp: '127.0.0.1', hostPort: '5432' }],
    namespaces: { network: 'app_default' },
    networks: ['app_default'],
    restartPolicy: { name: 'unless-stopped' },
    healthcheck: { test: ['CMD-SHELL', 'pg_isready'] },
    logConfig: { type: 'json-file', config: { 'max-size': '10m' } },
  }),
  'docker run --memory 512m --cpus 1 --user 1000 app': create({
    image: 'app:1',
    user: '1000',
    resources: { memory: 536870912, nanoCpus: 1000000000 },
  }),
  'docker run --cap-drop ALL --cap-add NET_BIND_SERVICE app': create({
    image: 'app:1',
    capDrop: ['ALL'],
    capAdd: ['NET_BIND_SERVICE'],
  }),
  'docker run --tmpfs /tmp --read-only alpine': create({
    image: 'alpine:3.20',
    readOnlyRootfs: true,
    mounts: [{ type: 'tmpfs', target: '/tmp' }],
  }),
  'docker run --sysctl net.ipv4.ip_unprivileged_port_start=0 app': create({
    image: 'app:1',
    sysctls: { 'net.ipv4.ip_unprivileged_port_start': '0' },
  }),
  'docker build -t app .': {
    kind: 'image.build',
    tags: ['app:latest'],
    dockerfileText:
      'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\nCMD ["node", "server.js"]\n',
  },
  'docker build with BuildKit and a public git context': {
    kind: 'image.build',
    remote: 'https://github.com/docker/getting-started.git',
    builderVersion: '2',
  },
  'docker pull nginx': { kind: 'image.create', fromImage: 'nginx', tag: 'latest' },
  'docker exec -it web sh': { kind: 'exec.create', target: 'web', cmd: ['sh'], tty: true },
  'docker exec -u root web apt-get update': {
    kind: 'exec.create',
    target: 'web',
    cmd: ['apt-get', 'update'],
    user: 'root',
  },
  'docker volume create data': { kind: 'volume.create', name: 'data' },
  'docker network create app': { kind: 'network.create', name: 'app' },
  'docker update --memory 1g web': {
    kind: 'container.update',
    target: 'web',
    memory: 1073741824,
    memorySwap: 2147483648,
  },
  'docker start web': { kind: 'container.start', target: 'web' },
  'docker service create with a published port': {
    kind: 'service.create',
    name: 'web',
    spec: { image: 'nginx:1.27', ports: [{ containerPort: '80/tcp', hostPort: '8080' }] },
  },
}

/** A least-privilege workload: restricted must let it through. */
const HARDENED = create({
  image: 'registry.example.com/team/app:1.4.2',
  user: '10001:10001',
  capDrop: ['ALL'],
  capAdd: ['NET_BIND_SERVICE'],
  readOnlyRootfs: true,
  security: { noNewPrivileges: true },
  resources: { memory: 268435456, nanoCpus: 500000000, pidsLimit: 256 },
  mounts: [
    { type: 'tmpfs', target: '/tmp' },
    { type: 'volume', source: 'app_data', target: '/data' },
  ],
  ports: [{ containerPort: '8080/tcp', hostIp: '127.0.0.1', hostPort: '8080' }],
  namespaces: { network: 'app_net' },
  restartPolicy: { name: 'on-failure', maximumRetryCount: 5 },
})

describe('built-in profiles on real workloads', () => {
  for (const [name, input] of Object.entries(ORDINARY)) {
    it(`baseline allows: ${name}`, () => {
      const d = decide(action(input), builtinPolicy('baseline'))
      assert.equal(d.allowed, true, d.message)
    })
  }

  it('baseline warns about restricted rules without blocking', () => {
    const d = decide(
      action(ORDINARY['docker run -p 8080:80 nginx'] as ActionInput),
      builtinPolicy('baseline'),
    )
    assert.equal(d.allowed, true)
    const warned = new Set(d.findings.filter((f) => f.result === 'warn').map((f) => f.slug))
    for (const slug of [
      'non-root-user',
      'drop-all-capabilities',
      'read-only-rootfs',
      'no-wildcard-host-ports',
      'image-tag-pinned',
    ]) {
      assert.ok(warned.has(slug), `expected a ${slug} warning`)
    }
  })

  it('restricted allows a hardened workload', () => {
    const d = decide(action(HARDENED), builtinPolicy('restricted'))
    assert.equal(d.allowed, true, d.message)
    assert.deepEqual(d.warnings, [])
  })

  it('restricted blocks an ordinary root container', () => {
    const d = decide(
      action(ORDINARY['docker run -p 8080:80 nginx'] as ActionInput),
      builtinPolicy('restricted'),
    )
    assert.equal(d.allowed, false)
  })

  const ESCAPES: Record<string, ActionInput> = {
    'docker socket bind': create({
      mounts: [{ type: 'bind', source: '/var/run/docker.sock', target: '/s' }],
    }),
    'host root via local volume': create({
      mounts: [
        {
          type: 'volume',
          source: 'r',
          target: '/r',
          volumeOptions: { type: 'none', o: 'bind', device: '/' },
        },
      ],
    }),
    'sys_admin in lower case': create({ capAdd: ['sys_admin'] }),
    'host pid': create({ namespaces: { pid: 'host' } }),
    'seccomp off': create({ security: { seccomp: 'unconfined' } }),
    'core_pattern sysctl': create({ sysctls: { 'kernel.core_pattern': '|/x' } }),
    'privileged exec': { kind: 'exec.create', target: 'web', privileged: true },
    'build from metadata service': { kind: 'image.build', remote: 'http://169.254.169.254/' },
    'macvlan network': {
      kind: 'network.create',
      name: 'lan',
      driver: 'macvlan',
      options: { parent: 'eth0' },
    },
    'plugin with host mount': {
      kind: 'plugin.pull',
      remote: 'x/y',
      privileges: [{ name: 'mount', value: ['/'] }],
    },
    'volume create binding /etc': {
      kind: 'volume.create',
      name: 'e',
      driverOpts: { type: 'none', o: 'bind', device: '/etc' },
    },
    'service with privileged task': { kind: 'service.update', name: 'web', spec: { privileged: true } },
    'start with a legacy HostConfig': {
      kind: 'container.start',
      target: 'web',
      hostConfig: { namespaces: { network: 'host' } },
    },
  }
  for (const [name, input] of Object.entries(ESCAPES)) {
    it(`baseline blocks: ${name}`, () => {
      assert.equal(decide(action(input), builtinPolicy('baseline')).allowed, false)
    })
  }
})
