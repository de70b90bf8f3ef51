import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import * as net from 'node:net'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import type { StoredEvent } from '../../src/audit/audit-store.js'
import { SqliteStore } from '../../src/audit/sqlite-store.js'
import { type RunningProxy, startProxy } from '../../src/enforce/proxy/proxy.js'
import { docker, engineRequest } from '../helpers/docker-cli.js'
import { type Dockerd, startDockerd } from '../helpers/dockerd.js'
import { BUSYBOX_IMAGE, ensureBusyboxImage } from '../helpers/images.js'
import { promValue } from '../helpers/prometheus-text.js'
import { tempDir } from '../helpers/temp-dir.js'
import { uniqueName } from '../helpers/unique-name.js'

const POLICY = `profile: baseline
rateLimits:
  create: { perMinute: 2, burst: 2 }
  read: { perMinute: 1200, burst: 100 }
  concurrent: { attach: 1 }
`

const TOO_MANY_CREATES =
  /airlock: too many requests: alice may make 2 create calls per minute \(burst 2\); container\.create refused, retry in \d+s/

/** Opens an exec stream (`POST /exec/ID/start` with Upgrade) and keeps it open; resolves after the head. */
function openExecStream(socket: string, execId: string): Promise<{ head: string; socket: net.Socket }> {
  const body = JSON.stringify({ Detach: false, Tty: false })
  const req =
    `POST /v1.41/exec/${execId}/start HTTP/1.1\r\nHost: d\r\nContent-Type: application/json\r\n` +
    `Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: ${body.length}\r\n\r\n${body}`
  return new Promise((resolve, reject) => {
    const s = net.createConnection({ path: socket })
    let got = ''
    const timer = setTimeout(() => reject(new Error(`no response head: ${JSON.stringify(got)}`)), 10_000)
    s.on('error', reject)
    s.on('data', (b: Buffer) => {
      got += b.toString('latin1')
      const end = got.indexOf('\r\n\r\n')
      if (end < 0) return
      clearTimeout(timer)
      s.removeAllListeners('data')
      resolve({ head: got.slice(0, end), socket: s })
    })
    s.write(req)
  })
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

describe('rate and concurrency limits through the real proxy, per caller', () => {
  let daemon: Dockerd
  let proxy: RunningProxy
  const work = tempDir('monitor-rates')
  const dataDir = join(work.path, 'data')
  const sock = (user: string) => join(work.path, `${user}.sock`)
  const host = (user: string) => `unix://${sock(user)}`
  const adminSock = join(work.path, 'admin.sock')
  const policyFile = join(work.path, 'policy.yaml')
  const containers: string[] = []

  const metrics = async () => {
    const token = readFileSync(proxy.adminTokenFile, 'utf8').trim()
    const res = await engineRequest(adminSock, {
      path: '/metrics',
      headers: { Authorization: `Bearer ${token}` },
    })
    assert.equal(res.status, 200, res.text)
    return res.text
  }
  /** Audit records matching `pick`, once there are at least `count` (429s are written in batches). */
  const audited = async (pick: (e: StoredEvent) => boolean, count: number) => {
    const deadline = Date.now() + 5000
    for (;;) {
      const store = SqliteStore.open({ dataDir, readonly: true })
      let hits: StoredEvent[]
      try {
        hits = store.query({ limit: 100_000 }).filter(pick)
      } finally {
        store.close()
      }
      if (hits.length >= count || Date.now() > deadline) return hits
      await sleep(50)
    }
  }
  /** A running container owned by `user`, made directly on the daemon. */
  const ownedContainer = async (user: string) => {
    const name = uniqueName(`rate-${user}`)
    containers.push(name)
    const r = await docker(
      ['run', '-d', '--name', name, '--label', `airlock.owner=${user}`, BUSYBOX_IMAGE, 'sleep', '300'],
      { host: daemon.host },
    )
    assert.equal(r.code, 0, r.stderr)
    return name
  }

  const get = async (user: string) => {
    const t = performance.now()
    const r = await engineRequest(sock(user), { path: '/v1.41/containers/json' })
    return { status: r.status, ms: performance.now() - t }
  }
  /**
   * Floods from `flooder` (waves of 50 concurrent calls, at least 200) while bob makes 20 calls one
   * after another; asserts bob was served every time, about as fast as when idle.
   */
  const floodWhileBobIsServed = async (flooder: string) => {
    const idle: number[] = []
    for (let i = 0; i < 10; i++) {
      const r = await get('bob')
      assert.equal(r.status, 200)
      idle.push(r.ms)
    }
    let bobDone = false
    const flooded: number[] = []
    const started = performance.now()
    const flood = (async () => {
      while ((!bobDone || flooded.length < 200) && flooded.length < 5000) {
        const wave = await Promise.all(Array.from({ length: 50 }, () => get(flooder)))
        flooded.push(...wave.map((r) => r.status))
      }
    })()
    const during: { status: number; ms: number }[] = []
    await sleep(20)
    for (let i = 0; i < 20; i++) during.push(await get('bob'))
    bobDone = true
    await flood
    assert.deepEqual(
      during.map((r) => r.status),
      Array(20).fill(200),
      'every call of bob was served during the flood',
    )
    const usual = p50(idle)
    const meanwhile = p50(during.map((r) => r.ms))
    assert.ok(
      meanwhile < 10 * usual + 50,
      `bob's p50 ${meanwhile.toFixed(1)} ms during the flood, ${usual.toFixed(1)} ms idle`,
    )
    return { flooded, floodSeconds: (performance.now() - started) / 1000 }
  }

  before(async () => {
    daemon = await startDockerd()
    await ensureBusyboxImage(daemon.host)
    writeFileSync(policyFile, POLICY)
    proxy = await startProxy({
      listen: [
        ...['alice', 'bob', 'mallory'].map((u) => `${host(u)}#user=${u},role=developer`),
        `${host('anyone')}#auth=required`,
      ],
      admin: [`unix://${adminSock}`],
      upstream: daemon.host,
      dataDir,
      policyFile,
    })
  })
  after(async () => {
    await proxy?.close()
    if (containers.length) await docker(['rm', '-f', ...containers], { host: daemon.host })
    work.remove()
    await daemon?.stop()
  })

  it("over its create limit, the docker CLI prints Airlock's 429 message; the raw reply is 429 + Retry-After + JSON; audited; other callers unaffected", async () => {
    for (let i = 0; i < 2; i++) {
      const name = uniqueName('rate-ok')
      containers.push(name)
      const r = await docker(['create', '--name', name, BUSYBOX_IMAGE, 'true'], { host: host('alice') })
      assert.equal(r.code, 0, r.stderr)
    }
    const create = await docker(['create', BUSYBOX_IMAGE, 'true'], { host: host('alice') })
    assert.notEqual(create.code, 0)
    assert.match(create.stderr, new RegExp(`Error response from daemon: ${TOO_MANY_CREATES.source}`))
    const run = await docker(['run', '--rm', BUSYBOX_IMAGE, 'true'], { host: host('alice') })
    assert.notEqual(run.code, 0)
    assert.match(run.stderr, TOO_MANY_CREATES)

    const raw = await engineRequest(sock('alice'), {
      method: 'POST',
      path: '/v1.41/containers/create',
      json: { Image: BUSYBOX_IMAGE },
    })
    assert.equal(raw.status, 429)
    assert.equal(raw.reason, 'Too Many Requests')
    assert.equal(raw.headers['content-type'], 'application/json')
    const retry = Number(raw.headers['retry-after'])
    assert.ok(
      Number.isInteger(retry) && retry >= 1 && retry <= 30,
      `Retry-After: ${raw.headers['retry-after']}`,
    )
    const body = JSON.parse(raw.text) as { message: string }
    assert.deepEqual(Object.keys(body), ['message'])
    assert.match(body.message, TOO_MANY_CREATES)
    assert.match(body.message, new RegExp(`retry in ${retry}s$`))

    const bobs = uniqueName('rate-bob')
    containers.push(bobs)
    const bob = await docker(['create', '--name', bobs, BUSYBOX_IMAGE, 'true'], { host: host('bob') })
    assert.equal(bob.code, 0, `bob has his own bucket: ${bob.stderr}`)

    const refused = await audited(
      (e) => e.caller.user === 'alice' && e.actionKind === 'container.create' && e.status === 429,
      3,
    )
    assert.equal(refused.length, 3, 'the CLI create, the CLI run and the raw create')
    for (const e of refused) {
      assert.equal(e.decision, 'deny')
      assert.deepEqual(e.caller, { user: 'alice', groups: [], role: 'developer', via: 'socket' })
      assert.match(e.message, TOO_MANY_CREATES)
      assert.equal(e.upstreamStatus, null, 'never forwarded')
      const limit = e.extra['rateLimit'] as Record<string, unknown>
      assert.deepEqual([limit['class'], limit['perMinute'], limit['burst']], ['create', 2, 2])
      assert.ok(Number(limit['retryAfterSeconds']) >= 1)
    }
    assert.equal(
      (await audited((e) => e.caller.user === 'bob' && e.status === 429, 0)).length,
      0,
      'bob was never refused',
    )
    const m = await metrics()
    assert.equal(promValue(m, 'airlock_rate_limited_total', { class: 'create', caller: 'alice' }), 3)
    assert.equal(promValue(m, 'airlock_rate_limited_total', { caller: 'bob' }), undefined)
  })

  it('a policy reload (SIGHUP) changes the limits at once', async () => {
    const again = () =>
      engineRequest(sock('alice'), {
        method: 'POST',
        path: '/v1.41/containers/create',
        json: { Image: BUSYBOX_IMAGE },
      })
    const still = await again()
    assert.equal(still.status, 429, still.text)
    writeFileSync(
      policyFile,
      POLICY.replace('create: { perMinute: 2, burst: 2 }', 'create: { perMinute: 600, burst: 5 }'),
    )
    const reload = proxy.reloadPolicy()
    assert.equal(reload.ok, true)
    // The bucket keeps what it had (nothing: no free tokens on reload) and refills at the new rate.
    const first = await again()
    assert.equal(first.status, 429, first.text)
    assert.match(
      first.text,
      /alice may make 600 create calls per minute \(burst 5\); container\.create refused, retry in 1s/,
    )
    await sleep(Number(first.headers['retry-after']) * 1000)
    const created = await again()
    assert.equal(created.status, 201, created.text)
    containers.push((JSON.parse(created.text) as { Id: string }).Id)
    const limits = (await metrics()).match(/airlock_rate_limited_total\{[^}]*caller="alice"[^}]*\} \d+/g)
    assert.deepEqual(limits, ['airlock_rate_limited_total{class="create",caller="alice"} 5'])
  })

  it("one caller's flood is answered 429 while another caller keeps being served at its usual speed", async () => {
    const writes = promValue(await metrics(), 'airlock_audit_write_seconds_count')
    const { flooded, floodSeconds } = await floodWhileBobIsServed('mallory')
    const served = flooded.filter((s) => s === 200).length
    const limited = flooded.filter((s) => s === 429).length
    assert.equal(served + limited, flooded.length, `only 200 and 429: ${[...new Set(flooded)]}`)
    assert.ok(limited > 0, 'mallory was limited')
    // 100 saved up, then 20 a second.
    assert.ok(
      served <= 100 + Math.ceil(20 * floodSeconds) + 1,
      `mallory served ${served} in ${floodSeconds}s`,
    )

    const m = await metrics()
    assert.equal(promValue(m, 'airlock_rate_limited_total', { class: 'read', caller: 'mallory' }), limited)
    assert.equal(promValue(m, 'airlock_rate_limited_total', { class: 'read', caller: 'bob' }), undefined)
    assert.equal(
      promValue(m, 'airlock_requests_total', { kind: 'container.list', decision: 'deny', caller: 'mallory' }),
      limited,
    )
    assert.equal(promValue(m, 'airlock_audit_write_seconds_count'), writes, 'reads and 429s are batched')
    const recorded = await audited((e) => e.caller.user === 'mallory' && e.status === 429, limited)
    assert.equal(recorded.length, limited)
  })

  it('a flood of unauthenticated calls is refused 401 and recorded in batches, not with a durable write each, while bob is served', async () => {
    const writes = promValue(await metrics(), 'airlock_audit_write_seconds_count')
    const { flooded } = await floodWhileBobIsServed('anyone')
    assert.deepEqual([...new Set(flooded)], [401])
    assert.equal(promValue(await metrics(), 'airlock_audit_write_seconds_count'), writes)
    const recorded = await audited((e) => e.status === 401, flooded.length)
    assert.equal(recorded.length, flooded.length, 'every refusal is in the audit log')
    assert.match(recorded[0]?.message ?? '', /^airlock: unauthorized: this listener requires identification/)
  })

  it('concurrency: a second exec stream of the same caller is refused 429 while the first is open; another caller execs; the slot comes back', async () => {
    const mine = await ownedContainer('alice')
    const bobs = await ownedContainer('bob')
    const execCreate = async (cmd: string[], stdin = false) => {
      const r = await engineRequest(sock('alice'), {
        method: 'POST',
        path: `/v1.41/containers/${mine}/exec`,
        json: { Cmd: cmd, AttachStdin: stdin, AttachStdout: true, AttachStderr: true },
      })
      assert.equal(r.status, 201, r.text)
      return (JSON.parse(r.text) as { Id: string }).Id
    }
    // The first stream: `cat` echoing what alice types, open until she ends her input.
    const first = await openExecStream(sock('alice'), await execCreate(['cat'], true))
    assert.match(first.head, /^HTTP\/1\.1 101 /)
    const echoed = new Promise<void>((resolve) => {
      let got = ''
      first.socket.on('data', (b: Buffer) => {
        got += b.toString('latin1')
        if (got.includes('typed by alice')) resolve()
      })
    })
    first.socket.write('typed by alice\n')
    await echoed
    const firstClosed = new Promise((r) => first.socket.once('close', r))
    try {
      assert.equal(promValue(await metrics(), 'airlock_streams_active'), 1)

      // The docker CLI cannot show the message of a refused upgrade; both 20.10 and current CLIs
      // print the status (a `Connection: close` would make 20.10 read the body as stream frames).
      const second = await docker(['exec', mine, 'echo', 'second'], { host: host('alice') })
      assert.notEqual(second.code, 0)
      assert.doesNotMatch(second.stdout, /second/)
      assert.match(second.stderr, /unable to upgrade to tcp, received 429/)
      const raw = await openExecStream(sock('alice'), await execCreate(['true']))
      raw.socket.destroy()
      assert.match(raw.head, /^HTTP\/1\.1 429 Too Many Requests\r\n/)
      assert.match(raw.head, /\r\nRetry-After: 1\r\n/)

      const bob = await docker(['exec', bobs, 'echo', 'bob-execs'], { host: host('bob') })
      assert.equal(bob.stdout, 'bob-execs\n', bob.stderr)
    } finally {
      first.socket.end()
    }
    await firstClosed
    const deadline = Date.now() + 5000
    let again = await docker(['exec', mine, 'echo', 'again'], { host: host('alice') })
    while (again.code !== 0 && Date.now() < deadline) {
      await sleep(100)
      again = await docker(['exec', mine, 'echo', 'again'], { host: host('alice') })
    }
    assert.equal(again.stdout, 'again\n', `the slot was given back: ${again.stderr}`)

    const refused = await audited(
      (e) => e.caller.user === 'alice' && e.actionKind === 'exec.start' && e.status === 429,
      2,
    )
    assert.equal(refused.length, 2)
    for (const e of refused) {
      assert.match(
        e.message,
        /^airlock: too many requests: alice may have 1 attach or exec streams open at once; exec\.start refused, retry in 1s$/,
      )
      assert.deepEqual(e.extra['rateLimit'], { class: 'attach', concurrent: 1, retryAfterSeconds: 1 })
    }
    let m = await metrics()
    assert.equal(promValue(m, 'airlock_rate_limited_total', { class: 'attach', caller: 'alice' }), 2)
    for (
      const until = Date.now() + 5000;
      promValue(m, 'airlock_streams_active') !== 0 && Date.now() < until;
    ) {
      await sleep(50)
      m = await metrics()
    }
    assert.equal(promValue(m, 'airlock_streams_active'), 0, 'every relayed stream ended')
  })
})
