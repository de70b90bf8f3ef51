import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { type RunningProxy, startProxy } from '../../src/enforce/proxy/proxy.js'
import { docker, type EngineRequest, engineRequest } from '../helpers/docker-cli.js'
import { type Dockerd, startDockerd } from '../helpers/dockerd.js'
import { BUSYBOX_IMAGE, ensureBusyboxImage } from '../helpers/images.js'
import { parsePromText, promType, promValue } from '../helpers/prometheus-text.js'
import { type RelayHop, relayHop } from '../helpers/relay-hop.js'
import { tempDir } from '../helpers/temp-dir.js'

const PRIVILEGED_CREATE = { Image: BUSYBOX_IMAGE, HostConfig: { Privileged: true } }

describe('monitoring through the real proxy: /metrics, /healthz, /readyz, --no-monitor', () => {
  let daemon: Dockerd
  let proxy: RunningProxy
  let plain: RunningProxy | undefined
  let broken: RunningProxy | undefined
  let link: RelayHop | undefined
  let token: string
  const work = tempDir('monitor-proxy')
  const alice = join(work.path, 'alice.sock')
  const adminSock = join(work.path, 'admin.sock')
  const policyFile = join(work.path, 'policy.yaml')

  const admin = (
    path: string,
    /** `token: null`: no Authorization header. */
    opts: { token?: string | null; socket?: string } & Omit<EngineRequest, 'path'> = {},
  ) => {
    const { token: t = token, socket = adminSock, ...req } = opts
    return engineRequest(socket, {
      ...req,
      path,
      headers: t === null ? {} : { Authorization: `Bearer ${t}` },
    })
  }
  const metrics = async () => {
    const res = await admin('/metrics')
    assert.equal(res.status, 200, res.text)
    assert.match(res.headers['content-type'] ?? '', /^text\/plain; version=0\.0\.4/)
    return res.text
  }

  before(async () => {
    daemon = await startDockerd()
    await ensureBusyboxImage(daemon.host)
    // Two creates a minute for everyone: the third one in a row is refused with 429.
    writeFileSync(policyFile, 'profile: baseline\nrateLimits:\n  create: { perMinute: 2, burst: 2 }\n')
    proxy = await startProxy({
      listen: [`unix://${alice}#user=alice,role=developer`],
      admin: [`unix://${adminSock}`],
      upstream: daemon.host,
      dataDir: join(work.path, 'data'),
      policyFile,
    })
    token = readFileSync(proxy.adminTokenFile, 'utf8').trim()
  })
  after(async () => {
    await proxy?.close()
    await plain?.close()
    await broken?.close()
    await link?.down()
    work.remove()
    await daemon?.stop()
  })

  it('/metrics: Prometheus text counting real docker CLI calls by kind, decision and caller, with latencies, audit writes, grants and 429s', async () => {
    const before = parsePromText(await metrics())
    assert.equal(promValue(before, 'airlock_requests_total', { caller: 'alice' }), undefined)
    assert.equal(promValue(before, 'airlock_grants_active'), 0)

    const ps = await docker(['ps'], { host: `unix://${alice}` })
    assert.equal(ps.code, 0, ps.stderr)
    const run = await docker(['run', '--rm', '--privileged', BUSYBOX_IMAGE, 'true'], {
      host: `unix://${alice}`,
    })
    assert.match(run.stderr, /airlock: denied by AL-0001 no-privileged/)
    // The denied run spent one of alice's two create tokens; one more denied create spends the
    // other, and the next is refused by the rate limit before it is even decided.
    const denied = await engineRequest(alice, {
      method: 'POST',
      path: '/v1.41/containers/create',
      json: PRIVILEGED_CREATE,
    })
    assert.equal(denied.status, 403, denied.text)
    const limited = await engineRequest(alice, {
      method: 'POST',
      path: '/v1.41/containers/create',
      json: PRIVILEGED_CREATE,
    })
    assert.equal(limited.status, 429, limited.text)
    const grant = await admin('/v1/grants', {
      method: 'POST',
      json: { subject: 'alice', rules: ['AL-0001'], ttlSeconds: 600, reason: 'e2e: metrics' },
    })
    assert.equal(grant.status, 201, grant.text)

    const text = await metrics()
    const m = parsePromText(text)
    assert.equal(promType(text, 'airlock_requests_total'), 'counter')
    const list = promValue(m, 'airlock_requests_total', {
      kind: 'container.list',
      decision: 'allow',
      caller: 'alice',
    })
    assert.ok(list !== undefined && list >= 1, `container.list allowed for alice: ${list}`)
    assert.equal(
      promValue(m, 'airlock_requests_total', { kind: 'container.create', decision: 'deny', caller: 'alice' }),
      3,
      'the CLI run, the raw create and the 429',
    )
    assert.equal(
      promValue(m, 'airlock_requests_total', {
        kind: 'container.create',
        decision: 'allow',
        caller: 'alice',
      }),
      0,
    )
    assert.equal(promValue(m, 'airlock_rate_limited_total', { class: 'create', caller: 'alice' }), 1)
    // Airlock's own latency counts every call; the daemon's only the forwarded ones (no denied create).
    assert.equal(promType(text, 'airlock_processing_seconds'), 'histogram')
    assert.equal(promValue(m, 'airlock_processing_seconds_count', { class: 'create' }), 3)
    assert.equal(promValue(m, 'airlock_processing_seconds_bucket', { class: 'create', le: '+Inf' }), 3)
    assert.ok((promValue(m, 'airlock_processing_seconds_count', { class: 'read' }) ?? 0) >= list)
    assert.equal(promType(text, 'airlock_upstream_seconds'), 'histogram')
    assert.equal(promValue(m, 'airlock_upstream_seconds_count', { class: 'create' }), 0)
    assert.ok((promValue(m, 'airlock_upstream_seconds_count', { class: 'read' }) ?? 0) >= list)
    assert.ok((promValue(m, 'airlock_upstream_seconds_sum', { class: 'read' }) ?? 0) > 0)
    // Two durable denial records and the admin's grant record (the 429 is recorded in a batch).
    assert.equal(promType(text, 'airlock_audit_write_seconds'), 'histogram')
    assert.ok((promValue(m, 'airlock_audit_write_seconds_count') ?? 0) >= 3)
    assert.equal(promValue(m, 'airlock_grants_active'), 1)
    assert.equal(promValue(m, 'airlock_streams_active'), 0)
    assert.equal(promValue(m, 'airlock_upstream_errors_total'), 0)
    assert.ok((promValue(m, 'process_resident_memory_bytes') ?? 0) > 0, 'process metrics')
  })

  it('/metrics needs an admin or auditor: no token 401, a bad token 401, a developer 403, an auditor 200', async () => {
    const none = await admin('/metrics', { token: null })
    assert.equal(none.status, 401)
    assert.match(JSON.parse(none.text).message, /needs "Authorization: Bearer <token>"/)
    assert.doesNotMatch(none.text, /airlock_requests_total/)
    const bad = await admin('/metrics', { token: 'alk_not-a-real-token' })
    assert.equal(bad.status, 401)
    assert.doesNotMatch(bad.text, /airlock_requests_total/)
    const mint = async (name: string, role: string) => {
      const r = await admin('/v1/tokens', { method: 'POST', json: { name, role } })
      assert.equal(r.status, 201, r.text)
      return (JSON.parse(r.text) as { token: string }).token
    }
    const dev = await admin('/metrics', { token: await mint('dora', 'developer') })
    assert.equal(dev.status, 403)
    assert.match(JSON.parse(dev.text).message, /dora \(role developer\) may not GET \/metrics/)
    const scraper = await admin('/metrics', { token: await mint('prometheus', 'auditor') })
    assert.equal(scraper.status, 200)
    assert.match(scraper.text, /^airlock_requests_total\{/m)
  })

  it('/healthz answers 200; /readyz 200 with its checks while the daemon answers', async () => {
    const health = await admin('/healthz', { token: null })
    assert.equal(health.status, 200)
    assert.equal(health.text, 'ok\n')
    const ready = await admin('/readyz', { token: null })
    assert.equal(ready.status, 200, ready.text)
    const body = JSON.parse(ready.text) as {
      ok: boolean
      checks: { name: string; ok: boolean; detail: string }[]
    }
    assert.equal(body.ok, true)
    assert.deepEqual(
      body.checks.map((c) => [c.name, c.ok]),
      [
        ['upstream', true],
        ['policy', true],
        ['audit', true],
      ],
    )
    assert.match(body.checks[0]?.detail ?? '', new RegExp(`${daemon.host} answered _ping`))
    assert.match(body.checks[1]?.detail ?? '', /policy\.yaml loaded/)
  })

  it('/readyz answers 503 naming the upstream while the daemon is unreachable, and 200 again once it is back', async () => {
    link = await relayHop(join(work.path, 'hop.sock'), daemon.socket)
    const sock = join(work.path, 'via-hop.sock')
    const adminHop = join(work.path, 'admin-hop.sock')
    broken = await startProxy({
      listen: [`unix://${sock}#user=bob,role=developer`],
      admin: [`unix://${adminHop}`],
      upstream: link.url,
      dataDir: join(work.path, 'data-hop'),
    })
    const readyz = async () => {
      const r = await admin('/readyz', { socket: adminHop, token: null })
      return {
        status: r.status,
        body: JSON.parse(r.text) as { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] },
      }
    }
    assert.equal((await readyz()).status, 200)
    assert.equal((await docker(['ps'], { host: `unix://${sock}` })).code, 0)

    await link.down()
    const down = await readyz()
    assert.equal(down.status, 503)
    assert.equal(down.body.ok, false)
    const upstream = down.body.checks.find((c) => c.name === 'upstream')
    assert.equal(upstream?.ok, false)
    assert.match(upstream?.detail ?? '', new RegExp(`^${link.url} is not reachable: `))
    assert.ok(down.body.checks.filter((c) => c.name !== 'upstream').every((c) => c.ok))
    const ps = await docker(['ps'], { host: `unix://${sock}` })
    assert.notEqual(ps.code, 0)
    assert.match(
      ps.stderr,
      new RegExp(`Error response from daemon: airlock: the Docker daemon at ${link.url} is not reachable`),
    )
    const hopToken = readFileSync(broken.adminTokenFile, 'utf8').trim()
    const m = await admin('/metrics', { socket: adminHop, token: hopToken })
    assert.ok((promValue(m.text, 'airlock_upstream_errors_total') ?? 0) >= 1, 'the failed call was counted')

    await link.up()
    const deadline = Date.now() + 5000
    let again = await readyz()
    while (again.status !== 200 && Date.now() < deadline) {
      await sleep(100)
      again = await readyz()
    }
    assert.equal(again.status, 200, JSON.stringify(again.body))
    assert.equal((await docker(['ps'], { host: `unix://${sock}` })).code, 0)
  })

  it('--no-monitor: no rate limits however many calls, /metrics answers 404 saying monitoring is off, calls still work', async () => {
    const sock = join(work.path, 'plain.sock')
    const adminPlain = join(work.path, 'admin-plain.sock')
    plain = await startProxy({
      listen: [`unix://${sock}#user=carol,role=developer`],
      admin: [`unix://${adminPlain}`],
      upstream: daemon.host,
      dataDir: join(work.path, 'data-plain'),
      policyFile,
      monitor: false,
    })
    assert.equal(plain.monitoring, undefined)
    // Ten creates against a limit of two a minute: every one is decided (and denied), none is 429.
    const statuses = await Promise.all(
      Array.from({ length: 10 }, () =>
        engineRequest(sock, { method: 'POST', path: '/v1.41/containers/create', json: PRIVILEGED_CREATE }),
      ),
    )
    assert.deepEqual(
      statuses.map((r) => r.status),
      Array(10).fill(403),
    )
    const run = await docker(['run', '--rm', '--privileged', BUSYBOX_IMAGE, 'true'], {
      host: `unix://${sock}`,
    })
    assert.match(run.stderr, /airlock: denied by AL-0001 no-privileged/)
    const ok = await docker(['run', '--rm', BUSYBOX_IMAGE, 'echo', 'unmonitored'], { host: `unix://${sock}` })
    assert.equal(ok.stdout, 'unmonitored\n', ok.stderr)

    const plainToken = readFileSync(plain.adminTokenFile, 'utf8').trim()
    const res = await admin('/metrics', { socket: adminPlain, token: plainToken })
    assert.equal(res.status, 404)
    assert.equal(JSON.parse(res.text).message, 'monitoring is off (--no-monitor): no metrics')
    assert.equal((await admin('/readyz', { socket: adminPlain, token: null })).status, 200)
    assert.equal((await admin('/healthz', { socket: adminPlain, token: null })).status, 200)
  })
})
