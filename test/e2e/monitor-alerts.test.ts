import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import type { Log } from '../../src/enforce/proxy/log.js'
import { type RunningProxy, startProxy } from '../../src/enforce/proxy/proxy.js'
import type { Alert } from '../../src/monitor/alerts/alert.js'
import { docker, engineRequest } from '../helpers/docker-cli.js'
import { type Dockerd, startDockerd } from '../helpers/dockerd.js'
import { BUSYBOX_IMAGE, ensureBusyboxImage } from '../helpers/images.js'
import { promValue } from '../helpers/prometheus-text.js'
import { runProcess } from '../helpers/run-process.js'
import { tempDir } from '../helpers/temp-dir.js'
import { type ReceivedHook, startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js'

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url))

interface LogLine {
  level: string
  obj: Record<string, unknown>
  msg: string | undefined
}

/** A proxy log that keeps what was logged at info and above. */
function capturingLog(lines: LogLine[]): Log {
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, obj: obj as Record<string, unknown>, msg })
    }
  return {
    debug() {},
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    isLevelEnabled: (level) => level !== 'debug',
  }
}

type Payload = { source: string; text: string; alert: Alert }
const payload = (h: ReceivedHook) => h.body as Payload

describe('alerts from the real proxy: denial bursts, grants and a tampered audit log, to webhooks and the log', () => {
  let daemon: Dockerd
  let proxy: RunningProxy
  let hooks: WebhookReceiver
  const logged: LogLine[] = []
  const work = tempDir('monitor-alerts')
  const dataDir = join(work.path, 'data')
  const alice = `unix://${join(work.path, 'alice.sock')}`
  const mallory = `unix://${join(work.path, 'mallory.sock')}`
  const adminSock = join(work.path, 'admin.sock')
  const at = (path: string) => (h: ReceivedHook) => h.path === path
  const airlock = (args: string[]) => runProcess(process.execPath, [CLI, ...args], { timeoutMs: 60_000 })
  const metrics = async () => {
    const token = readFileSync(proxy.adminTokenFile, 'utf8').trim()
    const res = await engineRequest(adminSock, {
      path: '/metrics',
      headers: { Authorization: `Bearer ${token}` },
    })
    assert.equal(res.status, 200, res.text)
    return res.text
  }
  /** Every queued webhook delivery is over. */
  const delivered = () => proxy.monitoring?.monitor.webhooks.drain(5000)

  before(async () => {
    daemon = await startDockerd()
    await ensureBusyboxImage(daemon.host)
    hooks = await startWebhookReceiver()
    const policyFile = join(work.path, 'policy.yaml')
    writeFileSync(
      policyFile,
      `profile: baseline
rateLimits:
  overrides:
    - { name: flooder, users: [mallory], read: { perMinute: 1, burst: 1 } }
alerts:
  - kind: denial-burst
    threshold: 3
    window: 1m
    webhooks: ["${hooks.url}/denials"]
  - kind: rate-limited
    threshold: 5
    window: 1m
    webhooks: ["${hooks.url}/limits"]
  - kind: grant-created
    webhooks: ["${hooks.url}/grants"]
  - kind: audit-chain
    every: 1s
    webhooks: [{ url: "${hooks.url}/audit", maxPerMinute: 5 }]
`,
    )
    proxy = await startProxy({
      listen: [`${alice}#user=alice,role=developer`, `${mallory}#user=mallory,role=developer`],
      admin: [`unix://${adminSock}`],
      upstream: daemon.host,
      dataDir,
      policyFile,
      log: capturingLog(logged),
    })
  })
  after(async () => {
    await proxy?.close()
    await hooks?.close()
    work.remove()
    await daemon?.stop()
  })

  it('denial-burst: denied docker runs past the threshold send one webhook (the repeat is deduplicated) and log it', async () => {
    for (let i = 0; i < 6; i++) {
      const r = await docker(['run', '--rm', '--privileged', BUSYBOX_IMAGE, 'true'], { host: alice })
      assert.match(r.stderr, /airlock: denied by AL-0001 no-privileged/)
    }
    const [hit] = await hooks.waitFor(at('/denials'))
    await delivered()
    assert.equal(hooks.received.filter(at('/denials')).length, 1, 'the second burst is a duplicate')
    assert.equal(hit?.headers['content-type'], 'application/json')
    assert.equal(hit?.headers['user-agent'], 'airlock-alerts')
    const { source, text, alert } = payload(hit as ReceivedHook)
    assert.equal(source, 'airlock')
    assert.equal(text, '[high] airlock: alice was denied 3 times in 60s (denial-burst)')
    assert.equal(alert.kind, 'denial-burst')
    assert.equal(alert.rule, 'denial-burst')
    assert.equal(alert.severity, 'high')
    assert.equal(alert.caller, 'alice')
    // The failing rule, with the rules that only warned (as in the audit record).
    assert.ok((alert.details['ruleIds'] as string[]).includes('AL-0001'), String(alert.details['ruleIds']))
    assert.equal(alert.details['lastKind'], 'container.create')
    assert.match(String(alert.details['lastMessage']), /airlock: denied by AL-0001 no-privileged/)
    assert.ok(!Number.isNaN(Date.parse(alert.time)))

    const line = logged.find((l) => (l.obj['alert'] as Alert | undefined)?.id === alert.id)
    assert.equal(line?.level, 'error')
    assert.equal(line?.msg, 'alert: alice was denied 3 times in 60s')
    const m = await metrics()
    assert.equal(promValue(m, 'airlock_alerts_total', { outcome: 'sent' }), 1)
    assert.equal(promValue(m, 'airlock_alerts_total', { outcome: 'suppressed' }), 1)
    assert.equal(promValue(m, 'airlock_alerts_total', { outcome: 'failed' }), 0)
  })

  it('rate-limited: a caller refused 429 past the threshold sends one webhook; 429s are no denial burst', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) {
      const r = await engineRequest(mallory.slice('unix://'.length), { path: '/v1.41/containers/json' })
      statuses.push(r.status)
    }
    assert.deepEqual(statuses, [200, 429, 429, 429, 429, 429, 429, 429])
    const [hit] = await hooks.waitFor(at('/limits'))
    await delivered()
    assert.equal(hooks.received.filter(at('/limits')).length, 1)
    const { alert, text } = payload(hit as ReceivedHook)
    assert.equal(text, '[medium] airlock: mallory was rate-limited 5 times in 60s (rate-limited)')
    assert.equal(alert.caller, 'mallory')
    assert.equal(alert.details['lastKind'], 'container.list')
    assert.match(
      String(alert.details['lastMessage']),
      /^airlock: too many requests: mallory may make 1 read calls per minute/,
    )
    assert.equal(
      hooks.received.filter(at('/denials')).length,
      1,
      "seven 429s with a denial-burst threshold of 3: still only alice's alert",
    )
  })

  it('grant-created: a grant made with `airlock grant create --admin` is POSTed once; one made on the data dir too', async () => {
    const r = await airlock([
      'grant',
      'create',
      '--subject',
      'alice',
      '--allow',
      'AL-0001',
      '--ttl',
      '5m',
      '--reason',
      'e2e: alert on grants',
      '--admin',
      `unix://${adminSock}`,
      '--data',
      dataDir,
      '--format',
      'json',
    ])
    assert.equal(r.code, 0, r.stderr)
    const id = (JSON.parse(r.stdout) as { id: string }).id
    const [hit] = await hooks.waitFor((h) => at('/grants')(h) && payload(h).alert.details['grantId'] === id)
    const { alert, text } = payload(hit as ReceivedHook)
    assert.equal(alert.kind, 'grant-created')
    assert.equal(alert.caller, 'admin')
    assert.equal(alert.details['subject'], 'alice')
    assert.deepEqual(alert.details['rules'], ['AL-0001'])
    assert.equal(alert.details['reason'], 'e2e: alert on grants')
    assert.match(
      text,
      /^\[medium\] airlock: admin granted alice a waiver of AL-0001 until \S+ \(grant-created\)$/,
    )
    assert.ok(
      logged.some((l) => (l.obj['alert'] as Alert | undefined)?.id === alert.id && l.level === 'warn'),
    )

    // Written to the data dir directly, bypassing the admin API: the proxy still notices and tells.
    const direct = await airlock([
      'grant',
      'create',
      '--subject',
      'alice',
      '--allow',
      'AL-0003',
      '--ttl',
      '5m',
      '--reason',
      'e2e: behind the admin API',
      '--data',
      dataDir,
      '--as',
      'ops',
      '--format',
      'json',
    ])
    assert.equal(direct.code, 0, direct.stderr)
    const directId = (JSON.parse(direct.stdout) as { id: string }).id
    const [other] = await hooks.waitFor(
      (h) => at('/grants')(h) && payload(h).alert.details['grantId'] === directId,
    )
    assert.equal(payload(other as ReceivedHook).alert.caller, 'ops')
    await delivered()
    assert.equal(hooks.received.filter(at('/grants')).length, 2, 'one alert per grant')
  })

  it('audit-chain: an edited audit record is reported by webhook within the verification interval, and shown on the dashboard', async () => {
    // Traffic while the chain is verified every second: a sound verifier reports nothing.
    const token = readFileSync(proxy.adminTokenFile, 'utf8').trim()
    const chain = async () => {
      const res = await engineRequest(adminSock, {
        path: '/dashboard/api/audit',
        headers: { Authorization: `Bearer ${token}` },
      })
      assert.equal(res.status, 200, res.text)
      return JSON.parse(res.text) as {
        latest: { ok: boolean; firstBad?: { seq: number; reason: string } } | null
      }
    }
    const until = Date.now() + 1500
    while (Date.now() < until) {
      await Promise.all(
        Array.from({ length: 20 }, () =>
          engineRequest(alice.slice('unix://'.length), { path: '/v1.41/containers/json' }),
        ),
      )
    }
    assert.equal((await chain()).latest?.ok, true)
    assert.equal(hooks.received.filter(at('/audit')).length, 0)
    assert.equal(promValue(await metrics(), 'airlock_audit_chain_ok'), 1)

    // Erase one denial: the record now says it was allowed.
    const db = new Database(join(dataDir, 'audit.db'))
    let seq: number
    try {
      const row = db
        .prepare(
          "SELECT seq FROM events WHERE decision = 'deny' AND action_kind = 'container.create' ORDER BY seq LIMIT 1",
        )
        .get() as { seq: number }
      seq = row.seq
      const changed = db
        .prepare(
          `UPDATE events SET decision = 'allow', event = replace(event, '"decision":"deny"', '"decision":"allow"') WHERE seq = ?`,
        )
        .run(seq)
      assert.equal(changed.changes, 1)
    } finally {
      db.close()
    }
    const [hit] = await hooks.waitFor(at('/audit'), 1, 10_000)
    const { alert, text } = payload(hit as ReceivedHook)
    assert.equal(alert.kind, 'audit-chain')
    assert.equal(alert.severity, 'critical')
    assert.deepEqual(
      [
        (alert.details['firstBad'] as { seq: number }).seq,
        (alert.details['firstBad'] as { reason: string }).reason,
      ],
      [seq, 'hash-mismatch'],
    )
    assert.match(
      text,
      new RegExp(
        `^\\[critical\\] airlock: the audit chain failed verification: hash-mismatch at record ${seq}: `,
      ),
    )
    assert.ok(logged.some((l) => l.msg === 'audit: the chain failed verification'))
    const latest = (await chain()).latest
    assert.equal(latest?.ok, false)
    assert.deepEqual([latest?.firstBad?.seq, latest?.firstBad?.reason], [seq, 'hash-mismatch'])
    const m = await metrics()
    assert.equal(promValue(m, 'airlock_audit_chain_ok'), 0)
    const verifiedAt = promValue(m, 'airlock_audit_chain_verified_timestamp_seconds') ?? 0
    assert.ok(Math.abs(verifiedAt - Date.now() / 1000) < 30, `verified at ${verifiedAt}`)
    // Verified twice more (every second), still broken: reported once.
    const deadline = Date.now() + 10_000
    let last = verifiedAt
    while (last < verifiedAt + 2 && Date.now() < deadline) {
      await sleep(200)
      last = promValue(await metrics(), 'airlock_audit_chain_verified_timestamp_seconds') ?? 0
    }
    assert.ok(last >= verifiedAt + 2, `verified again: ${verifiedAt} → ${last}`)
    await delivered()
    assert.equal(hooks.received.filter(at('/audit')).length, 1)
  })
})
