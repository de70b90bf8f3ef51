import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { SqliteStore } from '../../src/audit/sqlite-store.js'
import { type RunningProxy, startProxy } from '../../src/enforce/proxy/proxy.js'
import { clientEnv } from '../helpers/client-env.js'
import { compose, docker, dockerCliPath, engineRequest } from '../helpers/docker-cli.js'
import { type Dockerd, startDockerd } from '../helpers/dockerd.js'
import { BUSYBOX_IMAGE, ensureBusyboxImage } from '../helpers/images.js'
import { runProcess } from '../helpers/run-process.js'
import { uniqueName } from '../helpers/unique-name.js'

interface Inspect {
  HostConfig: {
    SecurityOpt: string[] | null
    PidsLimit: number | null
    PortBindings: Record<string, { HostPort: string }[]>
  }
}

/** A TCP port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })
}

describe('airlock proxy driven by the real docker CLI', () => {
  let daemon: Dockerd
  let proxy: RunningProxy
  let work: string
  let dataDir: string
  let host: string
  const containers: string[] = []
  const run = (
    args: string[],
    opts: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {},
  ) => docker(args, { host, timeoutMs: 60_000, ...opts })
  const inspect = async (name: string): Promise<Inspect> => {
    const res = await engineRequest(daemon.socket, { path: `/v1.41/containers/${name}/json` })
    assert.equal(res.status, 200, res.text)
    return JSON.parse(res.text) as Inspect
  }

  before(async () => {
    daemon = await startDockerd()
    await ensureBusyboxImage(daemon.host)
    work = mkdtempSync(join(tmpdir(), 'airlock-proxy-e2e-'))
    dataDir = join(work, 'data')
    proxy = await startProxy({
      listen: [`unix://${join(work, 'docker.sock')}`],
      upstream: daemon.host,
      dataDir,
    })
    host = proxy.listeners[0]?.url ?? ''
  })
  after(async () => {
    if (containers.length) await docker(['rm', '-f', ...containers], { host: daemon.host })
    await proxy?.close()
    rmSync(work, { recursive: true, force: true })
    await daemon?.stop()
  })

  it('runs an attached container and prints its output', async () => {
    const r = await run(['run', '--rm', BUSYBOX_IMAGE, 'echo', 'through airlock'])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'through airlock\n')
  })

  it('passes stdin to `docker run -i` and carries the end of input through (half-close)', async () => {
    const r = await run(['run', '-i', '--rm', BUSYBOX_IMAGE, 'cat'], { input: 'hello\n' })
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'hello\n')
  })

  it('applies the policy defaults to an allowed create (checked with the daemon itself) and records them', async () => {
    const name = uniqueName('proxy-defaults')
    containers.push(name)
    const r = await run(['run', '-d', '--name', name, BUSYBOX_IMAGE, 'sleep', '60'])
    assert.equal(r.code, 0, r.stderr)
    const hc = (await inspect(name)).HostConfig
    assert.ok(
      hc.SecurityOpt?.some((o) => o.startsWith('no-new-privileges')),
      JSON.stringify(hc.SecurityOpt),
    )
    assert.equal(hc.PidsLimit, 4096)
    const store = SqliteStore.open({ dataDir, readonly: true })
    try {
      const creates = store
        .query({ actionKind: 'container.create', decision: 'allow' })
        .filter((e) => e.path.includes(name))
      const decision = creates.find((e) => e.extra['phase'] === 'decision')
      assert.ok(decision, 'a durable decision record before forwarding')
      const paths = decision.mutations.map((m) => m.path.join('.'))
      assert.ok(
        paths.includes('security.noNewPrivileges') && paths.includes('resources.pidsLimit'),
        String(paths),
      )
    } finally {
      store.close()
    }
  })

  it('streams `docker logs -f` while the container runs', async () => {
    const name = uniqueName('proxy-logs')
    containers.push(name)
    const script = 'i=0; while true; do echo line $i; i=$((i+1)); sleep 0.2; done'
    assert.equal((await run(['run', '-d', '--name', name, BUSYBOX_IMAGE, 'sh', '-c', script])).code, 0)
    const child = spawn(dockerCliPath(), ['logs', '-f', name], { env: clientEnv(host) })
    let out = ''
    const sawLines = new Promise<void>((resolve) => {
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString()
        if (out.includes('line 2\n')) resolve()
      })
    })
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    await Promise.race([
      sawLines,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no lines: ${out}`)), 15_000)),
    ])
    assert.equal((await inspect(name)) !== undefined, true, 'the container still runs while lines arrive')
    assert.equal((await run(['stop', '-t', '0', name])).code, 0)
    assert.equal(await exited, 0)
    assert.match(out, /^line 0\nline 1\nline 2\n/)
  })

  it('runs `docker exec` with and without -i', async () => {
    const name = uniqueName('proxy-exec')
    containers.push(name)
    assert.equal((await run(['run', '-d', '--name', name, BUSYBOX_IMAGE, 'sleep', '120'])).code, 0)
    const plain = await run(['exec', name, 'echo', 'exec-ok'])
    assert.equal(plain.code, 0, plain.stderr)
    assert.equal(plain.stdout, 'exec-ok\n')
    const interactive = await run(['exec', '-i', name, 'wc', '-c'], { input: 'abcdef' })
    assert.equal(interactive.code, 0, interactive.stderr)
    assert.equal(interactive.stdout.trim(), '6')
  })

  it('attaches to a running container and receives its output', async () => {
    const name = uniqueName('proxy-attach')
    containers.push(name)
    const start = await run([
      'run',
      '-d',
      '--name',
      name,
      BUSYBOX_IMAGE,
      'sh',
      '-c',
      'sleep 2; echo attached-output',
    ])
    assert.equal(start.code, 0, start.stderr)
    const r = await run(['attach', '--no-stdin', name])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'attached-output\n')
  })

  it('copies files into and out of a container (docker cp)', async () => {
    const name = uniqueName('proxy-cp')
    containers.push(name)
    assert.equal((await run(['run', '-d', '--name', name, BUSYBOX_IMAGE, 'sleep', '120'])).code, 0)
    const src = join(work, 'in.txt')
    const content = `airlock cp ${'x'.repeat(10_000)}\n`
    writeFileSync(src, content)
    const put = await run(['cp', src, `${name}:/copied.txt`])
    assert.equal(put.code, 0, put.stderr)
    assert.equal((await run(['exec', name, 'cat', '/copied.txt'])).stdout, content)
    const back = join(work, 'out.txt')
    const get = await run(['cp', `${name}:/copied.txt`, back])
    assert.equal(get.code, 0, get.stderr)
    assert.equal(readFileSync(back, 'utf8'), content)
  })

  it('builds an image with the classic builder', async () => {
    const dir = join(work, 'build')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${BUSYBOX_IMAGE}\nRUN echo built-through-airlock > /built\n`)
    const tag = `${uniqueName('proxy-build')}:1`
    const b = await run(['build', '-t', tag, dir], { env: { DOCKER_BUILDKIT: '0' }, timeoutMs: 120_000 })
    assert.equal(b.code, 0, b.stderr)
    const r = await run(['run', '--rm', tag, 'cat', '/built'])
    assert.equal(r.stdout, 'built-through-airlock\n', r.stderr)
    await run(['rmi', tag])
  })

  it('creates and removes volumes and networks, and reports them in docker events', async () => {
    const since = Math.floor(Date.now() / 1000) - 1
    const volume = uniqueName('proxy-vol')
    const network = uniqueName('proxy-net')
    assert.equal((await run(['volume', 'create', volume])).code, 0)
    assert.equal((await run(['volume', 'rm', volume])).code, 0)
    const nc = await run(['network', 'create', network])
    assert.equal(nc.code, 0, nc.stderr)
    assert.equal((await run(['network', 'rm', network])).code, 0)
    const until = Math.floor(Date.now() / 1000) + 1
    const ev = await run([
      'events',
      '--since',
      String(since),
      '--until',
      String(until),
      '--filter',
      `volume=${volume}`,
    ])
    assert.equal(ev.code, 0, ev.stderr)
    assert.match(ev.stdout, new RegExp(`volume create ${volume}`))
    assert.match(ev.stdout, new RegExp(`volume destroy ${volume}`))
  })

  it('shows docker stats --no-stream', async () => {
    const name = uniqueName('proxy-stats')
    containers.push(name)
    assert.equal((await run(['run', '-d', '--name', name, BUSYBOX_IMAGE, 'sleep', '120'])).code, 0)
    const r = await run(['stats', '--no-stream', name])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, new RegExp(name))
  })

  it('brings a two-service compose app up and down', async () => {
    const dir = join(work, 'compose')
    mkdirSync(dir, { recursive: true })
    const port = await freePort()
    writeFileSync(
      join(dir, 'docker-compose.yml'),
      [
        'version: "3.8"',
        'services:',
        '  web:',
        `    image: ${BUSYBOX_IMAGE}`,
        '    command: ["sleep", "300"]',
        `    ports: ["127.0.0.1:${port}:80"]`,
        '    volumes: ["data:/data"]',
        '  worker:',
        `    image: ${BUSYBOX_IMAGE}`,
        '    command: ["sleep", "300"]',
        'volumes:',
        '  data: {}',
        '',
      ].join('\n'),
    )
    const project = uniqueName('proxy-compose')
    const up = await compose(['-p', project, 'up', '-d'], { host, cwd: dir, timeoutMs: 120_000 })
    assert.equal(up.code, 0, up.stderr)
    try {
      const ps = await compose(['-p', project, 'ps'], { host, cwd: dir })
      assert.equal(ps.code, 0, ps.stderr)
      assert.match(ps.stdout, /web_1.*Up/)
      assert.match(ps.stdout, /worker_1.*Up/)
      const web = await inspect(`${project}_web_1`)
      assert.equal(web.HostConfig.PortBindings['80/tcp']?.[0]?.HostPort, String(port))
      assert.equal(web.HostConfig.PidsLimit, 4096)
    } finally {
      const down = await compose(['-p', project, 'down', '-v', '-t', '0'], {
        host,
        cwd: dir,
        timeoutMs: 120_000,
      })
      assert.equal(down.code, 0, down.stderr)
    }
  })

  const DENIALS: [string, string[], RegExp][] = [
    ['privileged', ['--privileged'], /AL-0001 no-privileged/],
    ['the host root bound', ['-v', '/:/host'], /no-sensitive-host-mounts|restricted-host-binds/],
    [
      'the Docker socket bound',
      ['-v', '/var/run/docker.sock:/var/run/docker.sock'],
      /airlock: denied by AL-\d+/,
    ],
    ['the host pid namespace', ['--pid', 'host'], /no-host-pid/],
    ['the host network', ['--net', 'host'], /no-host-network/],
    ['CAP_SYS_ADMIN', ['--cap-add', 'SYS_ADMIN'], /no-added-capabilities/],
    ['seccomp disabled', ['--security-opt', 'seccomp=unconfined'], /seccomp-not-unconfined/],
    ['a host disk', ['--device', '/dev/sda'], /no-host-devices/],
  ]
  for (const [what, flags, rule] of DENIALS) {
    it(`denies ${what} with Airlock's message on stderr`, async () => {
      const r = await run(['run', '--rm', ...flags, BUSYBOX_IMAGE, 'true'])
      assert.notEqual(r.code, 0)
      assert.match(r.stderr, /Error response from daemon: airlock: denied by AL-\d{4} /)
      assert.match(r.stderr, rule)
      assert.match(r.stderr, /Fix: /)
    })
  }

  it('has a record of every call, allowed and denied, and an intact audit chain', async () => {
    const store = SqliteStore.open({ dataDir, readonly: true })
    try {
      const all = store.query({ limit: 100_000 })
      const kinds = new Set(all.map((e) => e.actionKind))
      for (const k of [
        'container.create',
        'container.start',
        'container.attach',
        'exec.create',
        'exec.start',
        'archive.put',
        'archive.get',
        'image.build',
        'volume.create',
        'network.create',
        'system.events',
        'container.stats',
      ]) {
        assert.ok(kinds.has(k), `no record of ${k}`)
      }
      const denied = all.filter((e) => e.decision === 'deny' && e.actionKind === 'container.create')
      assert.ok(denied.length >= DENIALS.length, `${denied.length} denied creates recorded`)
      assert.ok(denied.every((e) => e.status === 403 && e.ruleIds.length > 0 && e.bodySha256.length === 64))
    } finally {
      store.close()
    }
    const cli = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url))
    const verify = await runProcess(process.execPath, [cli, 'audit', 'verify', '--data', dataDir])
    assert.equal(verify.code, 0, verify.stderr)
    assert.match(verify.stdout, /^audit log intact: \d+ records/)
  })
})
