// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose variable syntax under test
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { type ComposeOptions, composeWorkloads } from '../../../src/adapters/compose/compose-workloads.js'
import type { AdapterResult, Workload } from '../../../src/adapters/workload.js'

const SHOP = fileURLToPath(new URL('../../../../test/fixtures/adapters/compose/shop/', import.meta.url))
const shopFile = (name: string) => ({ path: `${SHOP}${name}`, text: readFileSync(`${SHOP}${name}`, 'utf8') })

function shop(opts: ComposeOptions = {}): AdapterResult {
  return composeWorkloads([shopFile('compose.yaml'), shopFile('compose.override.yaml')], {
    homeDir: '/home/dev',
    ...opts,
  })
}

function service(r: AdapterResult, name: string): Workload {
  const w = r.workloads.find((x) => x.name === `service ${name}`)
  assert.ok(w, `service ${name}`)
  return w
}

/** An in-memory project: the first file is the compose file, the others are readable (.env, extends). */
function project(files: Record<string, string>, opts: ComposeOptions = {}): AdapterResult {
  const [first] = Object.keys(files)
  assert.ok(first)
  return composeWorkloads([{ path: first, text: files[first] as string }], {
    readFile: (p) => files[p],
    ...opts,
  })
}

describe('compose: the shop project (compose.yaml + compose.override.yaml)', () => {
  it('reads every service, profiles included, without errors', () => {
    const r = shop()
    assert.deepEqual(r.errors, [])
    assert.deepEqual(
      r.workloads.map((w) => w.name),
      ['service web', 'service api', 'service worker', 'service db', 'service agent'],
    )
    for (const w of r.workloads) assert.equal(w.format, 'compose')
  })

  it('maps the privileged agent: namespaces, security options, mounts, devices, resources', () => {
    const s = service(shop(), 'agent').spec
    assert.equal(s.privileged, true)
    assert.deepEqual(
      {
        network: s.namespaces.network,
        pid: s.namespaces.pid,
        user: s.namespaces.user,
        cgroup: s.namespaces.cgroup,
      },
      { network: 'host', pid: 'host', user: 'host', cgroup: 'host' },
    )
    assert.deepEqual(s.security, {
      selinux: ['disable'],
      systempathsUnconfined: true,
      other: [],
      seccomp: 'unconfined',
      apparmor: 'unconfined',
    })
    assert.deepEqual(
      s.mounts.map((m) => [m.type, m.source, m.target, m.readOnly, m.propagation ?? '']),
      [
        ['bind', '/', '/host', true, 'rslave'],
        ['bind', '/var/run/docker.sock', '/var/run/docker.sock', false, ''],
        ['volume', 'shop_hostetc', '/host-etc', false, ''],
      ],
    )
    assert.equal(s.mounts[2]?.volumeDriver, 'local')
    assert.deepEqual(s.mounts[2]?.volumeOptions, { type: 'none', o: 'bind', device: '/etc' })
    assert.deepEqual(s.devices, [
      {
        pathOnHost: '/dev/kmsg',
        pathInContainer: '/dev/kmsg',
        permissions: 'r',
        origin: ['services', 'agent', 'devices', 0],
      },
    ])
    assert.deepEqual(s.deviceCgroupRules, ['c 1:* rmw'])
    assert.deepEqual(s.sysctls, { 'net.core.somaxconn': '1024' })
    assert.deepEqual(s.resources, { ulimits: [], oomKillDisable: true, oomScoreAdj: -900 })
    assert.deepEqual(s.restartPolicy, { name: 'on-failure', maximumRetryCount: 10 })
    assert.equal(s.image, 'example/monitoring-agent:latest')
  })

  it('merges anchors (<<: *hardening), aliases (logging: *default-logging) and the override file', () => {
    const s = service(shop(), 'web').spec
    assert.deepEqual(s.capDrop, ['ALL'])
    assert.equal(s.security.noNewPrivileges, true)
    assert.equal(s.readOnlyRootfs, false, 'read_only: !reset in the override removes it')
    assert.deepEqual(s.logConfig, { type: 'json-file', config: { 'max-size': '10m', 'max-file': '3' } })
    assert.deepEqual(
      s.ports.map((p) => `${p.hostIp}:${p.hostPort}->${p.containerPort}`),
      [':443->443/tcp', '127.0.0.1:8080->80/tcp', ':8081->80/tcp'],
    )
    assert.deepEqual(s.exposedPorts, ['443/tcp', '80/tcp'])
    assert.deepEqual(
      s.mounts.map((m) => [m.type, m.source, m.target]),
      [
        ['bind', `${SHOP}nginx.conf`, '/etc/nginx/nginx.conf'],
        ['volume', 'shop_static', '/usr/share/nginx/html'],
        ['tmpfs', '', '/run'],
        ['tmpfs', '', '/var/cache/nginx'],
      ],
    )
    assert.equal(s.namespaces.network, 'shop_default')
  })

  it('interpolates from the shell environment first, then .env, then defaults', () => {
    assert.equal(service(shop(), 'web').spec.image, 'nginx:1.27.4', '.env over the default')
    assert.equal(
      service(shop({ env: { NGINX_TAG: '1.27.9' } }), 'web').spec.image,
      'nginx:1.27.9',
      'shell over .env',
    )
    const api = service(shop({ env: { LOG_LEVEL: 'warn', API_TOKEN: 'from-shell' } }), 'api').spec
    assert.ok(api.env.includes('LOG_LEVEL=debug'), 'the override file sets it explicitly')
    assert.ok(
      api.env.includes('API_TOKEN=from-shell'),
      'a variable without a value is taken from the environment',
    )
    assert.ok(api.env.includes('SENTRY_DSN=https://key@sentry.example.com/1'), 'env_file')
    assert.ok(api.env.includes('FEATURE_X=on'))
  })

  it('applies deploy.resources.limits over mem_limit, and keeps cpus and pids_limit', () => {
    const s = service(shop(), 'api').spec
    assert.deepEqual(s.resources, { ulimits: [], memory: 1073741824, nanoCpus: 500000000, pidsLimit: 256 })
    assert.deepEqual(
      s.command,
      ['uvicorn', 'app:api', '--reload'],
      'command is replaced whole by the override',
    )
    assert.equal(s.image, 'shop-api', 'a build-only service gets compose’s image name')
    assert.deepEqual(s.networks, ['shop-backend', 'shop_frontend'])
    assert.deepEqual(s.healthcheck, {
      test: ['CMD', 'curl', '-f', 'http://localhost:8000/health'],
      disabled: false,
    })
  })

  it('resolves extends from another file, relative paths against that file', () => {
    const s = service(shop(), 'worker').spec
    assert.equal(s.image, 'registry.example.com/shop/worker:2024.06')
    assert.equal(s.readOnlyRootfs, true, 'from common.yaml')
    assert.deepEqual(
      s.mounts.map((m) => m.source),
      [`${SHOP}jobs`],
    )
    assert.deepEqual(s.env, ['QUEUE=default'])
    assert.deepEqual(s.capAdd, ['CAP_SYS_PTRACE'])
    assert.deepEqual(s.command, ['python', '-m', 'worker', '--queue', 'default jobs'])
  })

  it('maps long-syntax volumes, named volume names, ~ and ulimits', () => {
    const s = service(shop(), 'db').spec
    assert.deepEqual(
      s.mounts.map((m) => [m.type, m.source, m.target, m.readOnly]),
      [
        ['volume', 'shop-pgdata', '/var/lib/postgresql/data', false],
        ['bind', '/home/dev/backups', '/backups', true],
      ],
    )
    assert.deepEqual(s.resources.ulimits, [
      { name: 'nofile', soft: 20000, hard: 40000 },
      { name: 'nproc', soft: 65535, hard: 65535 },
    ])
    assert.equal(s.resources.shmSize, 268435456)
    assert.deepEqual(s.restartPolicy, { name: 'unless-stopped', maximumRetryCount: 0 })
  })

  it('locates spec paths at the YAML node they came from, across files and anchors', () => {
    const r = shop()
    const compose = `${SHOP}compose.yaml`
    const override = `${SHOP}compose.override.yaml`
    const agent = service(r, 'agent')
    assert.deepEqual(agent.location, { file: compose, line: 85, column: 3, endLine: 85, endColumn: 8 })
    assert.deepEqual(agent.locate(['privileged']), {
      file: compose,
      line: 88,
      column: 5,
      endLine: 88,
      endColumn: 21,
    })
    assert.deepEqual(agent.locate(['security', 'seccomp']), {
      file: compose,
      line: 94,
      column: 9,
      endLine: 94,
      endColumn: 27,
    })
    assert.deepEqual(agent.locate(['mounts', 0, 'source']), {
      file: compose,
      line: 99,
      column: 9,
      endLine: 99,
      endColumn: 26,
    })
    assert.equal(
      agent.locate(['mounts', 2, 'volumeOptions', 'device']).line,
      121,
      'the top-level volume definition',
    )
    assert.equal(agent.locate(['namespaces', 'pid']).line, 89)
    assert.equal(
      agent.locate(['resources', 'memory']),
      agent.location,
      'unset paths fall back to the service key',
    )
    const web = service(r, 'web')
    assert.equal(web.locate(['capDrop', 0]).line, 8, 'inside the x-hardening anchor')
    assert.deepEqual(web.locate(['ports', 2]), {
      file: override,
      line: 5,
      column: 9,
      endLine: 5,
      endColumn: 18,
    })
    const api = service(r, 'api')
    assert.equal(api.locate(['resources', 'memory']).line, 46, 'deploy.resources.limits.memory wins')
    assert.equal(api.locate(['mounts', 0]).file, override)
    assert.equal(service(r, 'worker').locate(['readOnlyRootfs']).file, `${SHOP}common.yaml`)
  })
})

describe('compose: merge rules and directives', () => {
  const merge = (base: string, override: string) =>
    composeWorkloads(
      [
        { path: '/p/compose.yaml', text: base },
        { path: '/p/compose.override.yaml', text: override },
      ],
      { readFile: () => undefined },
    )

  it('merges mappings, appends sequences, replaces scalars, command and entrypoint', () => {
    const r = merge(
      'services:\n  a:\n    image: x:1\n    cap_add: [NET_ADMIN]\n    command: [a, b]\n    dns: [1.1.1.1]\n    labels: {team: x}\n',
      'services:\n  a:\n    image: x:2\n    cap_add: [SYS_TIME, NET_ADMIN]\n    command: [c]\n    dns: 8.8.8.8\n    labels: [team=y, env=prod]\n',
    )
    const s = r.workloads[0]?.spec
    assert.equal(s?.image, 'x:2')
    assert.deepEqual(
      s?.capAdd,
      ['CAP_NET_ADMIN', 'CAP_SYS_TIME'],
      'unique by value, the later entry in place',
    )
    assert.deepEqual(s?.command, ['c'])
    assert.deepEqual(s?.dns, ['1.1.1.1', '8.8.8.8'])
    assert.deepEqual(s?.labels, { team: 'y', env: 'prod' })
  })

  it('keeps one volume per target, one environment entry per variable, the later one', () => {
    const r = merge(
      'services:\n  a:\n    image: x\n    volumes: [/etc:/data, ./logs:/logs]\n    environment: {A: "1", B: "2"}\n',
      'services:\n  a:\n    volumes: [safe:/data]\n    environment: [A=3]\n',
    )
    const s = r.workloads[0]?.spec
    assert.deepEqual(
      s?.mounts.map((m) => [m.type, m.source, m.target]),
      [
        ['volume', 'safe', '/data'],
        ['bind', '/p/logs', '/logs'],
      ],
    )
    assert.deepEqual(s?.env, ['A=3', 'B=2'])
  })

  it('!reset removes a key, !override replaces instead of merging', () => {
    const r = merge(
      'services:\n  a:\n    image: x\n    privileged: true\n    ports: ["80:80"]\n    cap_add: [SYS_ADMIN]\n',
      'services:\n  a:\n    privileged: !reset null\n    ports: !override ["127.0.0.1:8080:80"]\n    cap_add: !reset []\n',
    )
    const s = r.workloads[0]?.spec
    assert.equal(s?.privileged, false)
    assert.deepEqual(s?.capAdd, [])
    assert.deepEqual(
      s?.ports.map((p) => [p.hostIp, p.hostPort]),
      [['127.0.0.1', '8080']],
    )
  })

  it('drops !reset values in the first file too', () => {
    const r = project({ '/p/compose.yaml': 'services:\n  a:\n    image: x\n    privileged: !reset true\n' })
    assert.equal(r.workloads[0]?.spec.privileged, false)
  })

  it('merges logging options only for the same driver', () => {
    const same = merge(
      'services:\n  a:\n    image: x\n    logging: {driver: json-file, options: {max-size: 1m}}\n',
      'services:\n  a:\n    logging: {options: {max-file: "2"}}\n',
    )
    assert.deepEqual(same.workloads[0]?.spec.logConfig, {
      type: 'json-file',
      config: { 'max-size': '1m', 'max-file': '2' },
    })
    const other = merge(
      'services:\n  a:\n    image: x\n    logging: {driver: json-file, options: {max-size: 1m}}\n',
      'services:\n  a:\n    logging: {driver: syslog}\n',
    )
    assert.deepEqual(other.workloads[0]?.spec.logConfig, { type: 'syslog', config: {} })
  })

  it('merges the documents of one file in order', () => {
    const r = project({
      '/p/compose.yaml': 'services:\n  a:\n    image: x\n---\nservices:\n  a:\n    privileged: true\n',
    })
    assert.equal(r.workloads[0]?.spec.privileged, true)
    assert.equal(r.workloads[0]?.spec.image, 'x')
  })

  it('resolves extends in the same file, recursively, and reports cycles and missing bases', () => {
    const r = project({
      '/p/compose.yaml': `services:
  base:
    image: base:1
    cap_add: [NET_RAW]
  mid:
    extends: base
    user: "1000"
  app:
    extends: {service: mid}
    cap_add: [NET_ADMIN]
  loop1:
    image: x
    extends: loop2
  loop2:
    extends: loop1
  lost:
    image: y
    extends: nowhere
`,
    })
    const app = r.workloads.find((w) => w.name === 'service app')?.spec
    assert.equal(app?.image, 'base:1')
    assert.equal(app?.user, '1000')
    assert.deepEqual(app?.capAdd, ['CAP_NET_RAW', 'CAP_NET_ADMIN'])
    assert.ok(r.errors.some((e) => /extends itself/.test(e.message)))
    assert.ok(r.errors.some((e) => /service "nowhere" not found/.test(e.message) && e.location.line === 18))
    assert.ok(
      r.workloads.some((w) => w.name === 'service lost'),
      'a service whose base is missing is still scanned',
    )
  })
})

describe('compose: include', () => {
  it('adds the services of included files, relative paths against their own directory', () => {
    const r = project({
      '/p/compose.yaml':
        'include:\n  - infra/db.yaml\n  - path: [missing.yaml]\nservices:\n  app:\n    image: app:1\n',
      '/p/infra/db.yaml':
        'services:\n  db:\n    image: postgres:16\n    volumes: [./data:/var/lib/postgresql/data]\n  app:\n    image: other\n',
    })
    assert.deepEqual(
      r.workloads.map((w) => [w.name, w.spec.image]),
      [
        ['service db', 'postgres:16'],
        ['service app', 'app:1'],
      ],
    )
    assert.equal(r.workloads[0]?.spec.mounts[0]?.source, '/p/infra/data')
    assert.deepEqual(
      r.errors.map((e) => [e.location.line, e.message]),
      [
        [2, 'services.app is defined both here and in infra/db.yaml'],
        [3, 'cannot read included file missing.yaml'],
      ],
    )
  })
})

describe('compose: values', () => {
  it('reads booleans as compose casts them, strings and numbers', () => {
    const r = project({
      '/p/compose.yaml':
        'services:\n  a:\n    image: x\n    privileged: "yes"\n    read_only: "on"\n    init: false\n    user: 1000\n    oom_score_adj: "-500"\n',
    })
    const s = r.workloads[0]?.spec
    assert.equal(s?.privileged, true)
    assert.equal(s?.readOnlyRootfs, true)
    assert.equal(s?.init, false)
    assert.equal(s?.user, '1000')
    assert.equal(s?.resources.oomScoreAdj, -500)
  })

  it('maps network_mode service:x, ipc, uts, cgroup_parent, volumes_from, extra_hosts, gpus', () => {
    const r = project({
      '/p/compose.yaml': `services:
  a:
    image: x
    network_mode: service:db
    ipc: service:db
    uts: host
    cgroup_parent: /custom
    volumes_from: [service:db:ro, container:legacy]
    extra_hosts: ["db=10.0.0.5", "cache:10.0.0.6"]
    gpus: all
    devices: [nvidia.com/gpu=all]
    deploy:
      restart_policy: {condition: any, max_attempts: 3}
      resources:
        reservations:
          memory: 128m
          devices:
            - {driver: nvidia, count: all, capabilities: [gpu]}
    pids_limit: -1
    healthcheck: {disable: true}
    use_api_socket: true
`,
    })
    const s = r.workloads[0]?.spec
    assert.equal(s?.namespaces.network, 'container:db')
    assert.equal(s?.namespaces.ipc, 'container:db')
    assert.equal(s?.namespaces.uts, 'host')
    assert.equal(s?.cgroupParent, '/custom')
    assert.deepEqual(s?.volumesFrom, ['db:ro', 'legacy'])
    assert.deepEqual(s?.extraHosts, ['db:10.0.0.5', 'cache:10.0.0.6'])
    assert.deepEqual(s?.deviceRequests, [
      { driver: 'nvidia', count: -1, deviceIds: [], capabilities: [['gpu']] },
      { driver: 'cdi', count: 0, deviceIds: ['nvidia.com/gpu=all'], capabilities: [] },
      { driver: '', count: -1, deviceIds: [], capabilities: [['gpu']] },
    ])
    assert.deepEqual(s?.restartPolicy, { name: 'always', maximumRetryCount: 3 })
    assert.equal(s?.resources.memoryReservation, 134217728)
    assert.equal(s?.resources.pidsLimit, -1)
    assert.deepEqual(s?.healthcheck, { test: ['NONE'], disabled: true })
    assert.deepEqual(
      s?.mounts.map((m) => m.source),
      ['/var/run/docker.sock'],
    )
  })

  it('bind-mounts file-based secrets and configs read-only from their host file', () => {
    const r = project({
      '/p/compose.yaml': `services:
  a:
    image: x
    secrets: [db_password, {source: shadow, target: copy}]
    configs: [{source: app, target: /etc/app.conf}, from_env]
secrets:
  db_password: {file: ./secrets/db.txt}
  shadow: {file: /etc/shadow}
configs:
  app: {file: ./app.conf}
  from_env: {environment: APP_CONFIG}
`,
    })
    const a = r.workloads[0]
    assert.deepEqual(
      a?.spec.mounts.map((m) => [m.type, m.source, m.target, m.readOnly]),
      [
        ['bind', '/p/secrets/db.txt', '/run/secrets/db_password', true],
        ['bind', '/etc/shadow', '/run/secrets/copy', true],
        ['bind', '/p/app.conf', '/etc/app.conf', true],
      ],
    )
    assert.equal(a?.locate(['mounts', 1, 'source']).line, 8, 'the secret definition’s file')
  })

  it('treats pids_limit: 0 and deploy pids: 0 as unset, as docker compose does', () => {
    const r = project({
      '/p/compose.yaml':
        'services:\n  a:\n    image: x\n    pids_limit: 0\n    deploy: {resources: {limits: {pids: 0}}}\n',
    })
    assert.equal(r.workloads[0]?.spec.resources.pidsLimit, undefined)
  })
})

describe('compose: errors', () => {
  it('reports YAML syntax errors with their location', () => {
    const r = project({ '/p/compose.yaml': 'services:\n  a:\n    image: [x\n  b: {\n' })
    assert.equal(r.workloads.length, 0)
    assert.ok(r.errors.length > 0)
    assert.equal(r.errors[0]?.location.file, '/p/compose.yaml')
    assert.ok((r.errors[0]?.location.line ?? 0) >= 3)
  })

  it('reports a service that is not a mapping and a bad port, and still reads the others', () => {
    const r = project({
      '/p/compose.yaml':
        'services:\n  broken: just-a-string\n  ports:\n    image: x\n    ports: ["80:80:80:80", "8080:80"]\n    privileged: true\n',
    })
    assert.deepEqual(
      r.errors.map((e) => [e.message.split(':')[0], e.location.line, e.location.column]),
      [
        ['service "broken" must be a mapping', 2, 3],
        ['service "ports"', 5, 13],
      ],
    )
    assert.match(r.errors[1]?.message ?? '', /invalid port "80:80:80:80"/)
    const s = r.workloads[0]?.spec
    assert.equal(s?.privileged, true)
    assert.deepEqual(
      s?.ports.map((p) => p.hostPort),
      ['8080'],
    )
  })

  it('reports a missing required variable where it is used, a wrong value type and an undefined volume', () => {
    const r = project({
      '/p/compose.yaml':
        'services:\n  a:\n    image: app:${TAG:?TAG must be set}\n    cap_add: [NOT_A_CAP]\n    volumes: [missing:/data]\n    mem_limit: lots\n',
    })
    const messages = r.errors.map((e) => `${e.location.line}: ${e.message}`)
    assert.deepEqual(messages, [
      '3: required variable TAG is missing a value: TAG must be set',
      '4: service "a": unknown capability "NOT_A_CAP" (dockerd refuses it)',
      '5: service "a" refers to undefined volume missing: invalid compose project',
      '6: service "a": mem_limit: invalid size: \'lots\'',
    ])
  })

  it('bounds alias expansion (billion laughs)', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 9; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      )
    lines.push('services:\n  s:\n    image: x\n    labels: *a8')
    const r = project({ '/p/compose.yaml': lines.join('\n') })
    assert.equal(r.workloads.length, 0)
    assert.match(r.errors[0]?.message ?? '', /more than 100000 YAML nodes/)
  })
})
