import assert from 'node:assert/strict'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import type { BrowserContext, Page } from 'playwright-core'
import { SqliteStore } from '../../src/audit/sqlite-store.js'
import { type RunningProxy, startProxy } from '../../src/enforce/proxy/proxy.js'
import { RULES } from '../../src/policy/rules/index.js'
import { launchChromium } from '../helpers/chromium.js'
import { docker, engineRequest } from '../helpers/docker-cli.js'
import { type Dockerd, startDockerd } from '../helpers/dockerd.js'
import { BUSYBOX_IMAGE, ensureBusyboxImage } from '../helpers/images.js'
import { runProcess } from '../helpers/run-process.js'
import { tempDir } from '../helpers/temp-dir.js'
import { uniqueName } from '../helpers/unique-name.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const CLI = join(ROOT, 'build', 'src', 'cli', 'main.js')
const ARTIFACTS = join(ROOT, 'test-artifacts')

/** A TCP port nobody listens on right now (the admin listener takes ports 1-65535 only). */
async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  const port = (s.address() as { port: number }).port
  await new Promise<void>((resolve) => s.close(() => resolve()))
  return port
}

/** Polls `check` until it holds or `ms` pass (then fails with `what`). */
async function until(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await sleep(100)
  }
}

/** The server-sent events of a response, as they arrive. */
async function* sseEvents(res: Response): AsyncGenerator<{ event: string; data: string }> {
  assert.ok(res.body)
  const decoder = new TextDecoder()
  let buf = ''
  for await (const chunk of res.body) {
    buf += decoder.decode(chunk as Uint8Array, { stream: true })
    for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
      const block = buf.slice(0, i)
      buf = buf.slice(i + 2)
      const e = { event: 'message', data: '' }
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) e.event = line.slice(7)
        else if (line.startsWith('data: ')) e.data += line.slice(6)
      }
      if (!block.startsWith(':')) yield e
    }
  }
}

describe('the dashboard of the real proxy, in Chromium, with the real docker CLI', () => {
  let daemon: Dockerd
  let proxy: RunningProxy
  let host: string
  let admin: string
  let base: string
  let adminToken: string
  let auditorToken: string
  let ctx: BrowserContext
  let page: Page
  let grantId: string
  let granted: string
  const work = tempDir('dashboard-proxy')
  const dataDir = join(work.path, 'data')
  const containers: string[] = []
  let problems: string[] = []
  /** Set once the test revokes the signed-in token: the page's calls answering 401 are expected then. */
  let signingOut = false

  const airlock = (args: string[]) => runProcess(process.execPath, [CLI, ...args], { timeoutMs: 30_000 })
  const running = async (ref: string) => {
    const res = await engineRequest(daemon.socket, { path: `/v1.41/containers/${ref}/json` })
    assert.equal(res.status, 200, res.text)
    return (JSON.parse(res.text) as { State: { Running: boolean } }).State.Running
  }
  const signIn = async (token: string) => {
    await ctx.clearCookies()
    await page.goto(`${base}/login`)
    await page.fill('input[name="token"]', token)
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type="submit"]')])
    await page.waitForSelector('.top .me')
  }

  before(async () => {
    daemon = await startDockerd()
    await ensureBusyboxImage(daemon.host)
    const sock = join(work.path, 'docker.sock')
    admin = `tcp://127.0.0.1:${await freePort()}`
    proxy = await startProxy({
      listen: [`unix://${sock}#user=alice,role=developer`],
      admin: [admin],
      upstream: daemon.host,
      dataDir,
      grantIntervalMs: 200,
      drainMs: 1000,
    })
    host = `unix://${sock}`
    base = `${admin.replace(/^tcp:/, 'http:')}/dashboard`
    adminToken = readFileSync(proxy.adminTokenFile, 'utf8').trim()
    const auditor = await airlock(['token', 'create', 'audrey', '--role', 'auditor', '--data', dataDir])
    assert.equal(auditor.code, 0, auditor.stderr)
    auditorToken = auditor.stdout.trim()
    mkdirSync(ARTIFACTS, { recursive: true })
    ;({ ctx, page, problems } = await launchChromium(join(work.path, 'chromium'), {
      timeoutMs: 10_000,
      // The refused sign-in answers 401 on purpose, and so does the API once the token is revoked.
      expectedConsoleError: (msg) =>
        /status of 401/.test(msg.text()) && (signingOut || msg.location().url.endsWith('/dashboard/login')),
    }))
  })

  after(async () => {
    await ctx?.close()
    if (containers.length) await docker(['rm', '-f', ...containers], { host: daemon.host })
    await proxy?.close()
    await daemon?.stop()
    rmSync(join(work.path, 'chromium'), { recursive: true, force: true })
    work.remove()
  })

  it('refuses a wrong token with a clear message, and sends a visitor without a session to sign in', async () => {
    await page.goto(`${base}/`)
    await page.waitForSelector('form[action="login"]')
    assert.equal(new URL(page.url()).pathname, '/dashboard/login')
    await page.fill('input[name="token"]', 'alk_not-a-real-token')
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/dashboard/login') && r.request().method() === 'POST'),
      page.click('button[type="submit"]'),
    ])
    assert.equal(res.status(), 401)
    assert.match(
      (await page.locator('.login-error').textContent()) ?? '',
      /not valid \(unknown, revoked or expired\)/,
    )
    const api = await ctx.request.get(`${base}/api/me`)
    assert.equal(api.status(), 401, 'no session came of it')
  })

  it('shows a denial made with the docker CLI in the live feed, opened to the rule, the explanation and the fix', async () => {
    assert.equal((await docker(['ps'], { host })).code, 0)
    await signIn(adminToken)
    assert.match((await page.locator('.top .me').textContent()) ?? '', /admin \(admin\)/)
    // History first (the listing made before signing in), then the stream: what comes next is live.
    await page.locator('.feed-row.decision-allow').filter({ hasText: 'container.list' }).first().waitFor()
    assert.equal(await page.locator('.feed-row.decision-deny').count(), 0)
    await page.waitForSelector('[data-testid="stream-state"].stream-live')
    const denied = await docker(['run', '--rm', '--privileged', BUSYBOX_IMAGE, 'id'], { host })
    assert.notEqual(denied.code, 0)
    assert.match(denied.stderr, /airlock: denied by AL-0001/)
    const row = page.locator('.feed-row.decision-deny').filter({ hasText: 'container.create' }).first()
    await row.waitFor({ timeout: 10_000 })
    assert.match(
      (await row.textContent()) ?? '',
      /alice.*container\.create.*POST .*\/containers\/create.*AL-0001/,
    )
    assert.deepEqual(await row.locator('.rules .rule-denied').allTextContents(), ['AL-0001 '])
    await row.locator('button').click()
    // Denied by AL-0001 alone, with its own finding; the rules that only warned are listed apart.
    const deniedBy = page.locator('.detail [data-group="denied"] .rule')
    const rule = deniedBy.and(page.locator('[data-rule-id="AL-0001"]'))
    await rule.waitFor()
    assert.equal(await deniedBy.count(), 1)
    const meta = RULES.find((r) => r.id === 'AL-0001')
    assert.ok(meta)
    assert.equal(await rule.locator('.finding').textContent(), 'HostConfig.Privileged privileged is true')
    assert.equal(((await rule.locator('.why').textContent()) ?? '').trim(), meta.description)
    assert.equal(((await rule.locator('.fix').textContent()) ?? '').replace(/^Fix:\s*/, ''), meta.remediation)
    for (const id of ['AL-0024', 'AL-0025', 'AL-0040', 'AL-0041']) {
      const warned = page.locator(`.detail [data-group="warning"] .rule[data-rule-id="${id}"]`)
      assert.equal(await warned.count(), 1, `${id} is listed as a warning`)
      assert.match((await warned.locator('.finding-warn').textContent()) ?? '', /\S/, `${id} has its message`)
    }
    assert.equal(
      await page.locator('.detail [data-group="warning"] .rule[data-rule-id="AL-0001"]').count(),
      0,
    )
    assert.match((await page.locator('[data-testid="decision-message"]').textContent()) ?? '', /AL-0001/)
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-proxy-feed.png'), fullPage: true })
  })

  it('draws the charts from what went through the proxy', async () => {
    await page.click('a[href="#charts"]')
    await page.waitForSelector('svg[aria-label="Calls per minute by decision"] rect.bar-deny')
    assert.ok(await page.locator('svg[aria-label="Calls per minute by decision"] rect.bar-allow').count())
    const callers = await page.locator('svg[aria-label="Top callers"] text.label').allTextContents()
    assert.ok(callers.includes('alice'), `top callers: ${callers.join(', ')}`)
    const rules = await page.locator('svg[aria-label="Top denied rules"] text.label').allTextContents()
    assert.ok(
      rules.some((t) => t.startsWith('AL-0001')),
      `top denied rules: ${rules.join(', ')}`,
    )
  })

  it('lists a container started under a grant with its posture findings, and the grant with its countdown', async () => {
    const g = await airlock([
      'grant',
      'create',
      '--subject',
      'alice',
      '--allow',
      'AL-0021',
      '--ttl',
      '2m',
      '--reason',
      'e2e: dashboard revoke',
      '--admin',
      admin,
      '--data',
      dataDir,
      '--format',
      'json',
    ])
    assert.equal(g.code, 0, g.stderr)
    grantId = (JSON.parse(g.stdout) as { id: string }).id
    granted = uniqueName('dash-granted')
    containers.push(granted)
    const run = await docker(
      ['run', '-d', '--name', granted, '--cap-add', 'SYS_ADMIN', BUSYBOX_IMAGE, 'sleep', '300'],
      { host },
    )
    assert.equal(run.code, 0, run.stderr)
    assert.equal(await running(granted), true)

    await page.click('a[href="#containers"]')
    const box = page.locator(`.container[data-container="${granted}"]`)
    await box.waitFor()
    assert.match((await box.locator('.findings').textContent()) ?? '', /AL-0021/)

    await page.click('a[href="#grants"]')
    const row = page.locator(`tr[data-grant-id="${grantId}"]`)
    await row.waitFor()
    assert.equal(await row.locator('[data-testid="grant-status"]').textContent(), 'active')
    const first = (await row.locator('[data-testid="countdown"]').textContent()) ?? ''
    assert.match(first, /^(1m [0-5]\ds|2m 00s)$/)
    await until('the countdown to tick', async () => {
      const now = (await row.locator('[data-testid="countdown"]').textContent()) ?? ''
      return now !== first && /^(1m [0-5]\ds|[0-5]?\ds)$/.test(now)
    })
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-proxy-grants.png'), fullPage: true })
  })

  it('an auditor reads everything but is offered no revoke, and a revoke they send is refused (403)', async () => {
    await signIn(auditorToken)
    assert.match((await page.locator('.top .me').textContent()) ?? '', /audrey \(auditor\)/)
    await page.locator('.feed-row.decision-deny').filter({ hasText: 'AL-0001' }).first().waitFor()
    await page.click('a[href="#grants"]')
    const row = page.locator(`tr[data-grant-id="${grantId}"]`)
    await row.waitFor()
    assert.equal(await row.locator('[data-testid="grant-status"]').textContent(), 'active')
    assert.equal(await row.locator('button').count(), 0)
    const viaSession = await ctx.request.post(`${base}/api/grants/${grantId}/revoke`, {
      headers: { 'x-airlock-csrf': '1' },
    })
    assert.equal(viaSession.status(), 403)
    assert.match(((await viaSession.json()) as { message: string }).message, /audrey is not an admin/)
    const viaBearer = await fetch(`${base}/api/grants/${grantId}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${auditorToken}` },
    })
    assert.equal(viaBearer.status, 403)
    assert.equal(await running(granted), true, 'the grant still holds')
  })

  it('an admin revokes the grant from the page: revoked in the store, its container stopped', async () => {
    await signIn(adminToken)
    await page.click('a[href="#grants"]')
    const row = page.locator(`tr[data-grant-id="${grantId}"]`)
    await row.locator('button:has-text("Revoke")').click()
    await page.waitForSelector(
      `tr[data-grant-id="${grantId}"] [data-testid="grant-status"]:has-text("revoked")`,
    )
    assert.match((await row.textContent()) ?? '', /revoked by admin/)
    assert.equal(await row.locator('button').count(), 0)
    const list = await airlock(['grant', 'list', '--format', 'json', '--data', dataDir])
    assert.equal(list.code, 0, list.stderr)
    const listed = (JSON.parse(list.stdout) as { id: string; status: string; revokedBy?: string }[]).find(
      (x) => x.id === grantId,
    )
    assert.deepEqual([listed?.status, listed?.revokedBy], ['revoked', 'admin'])
    // The revoke answers once the grant's containers were dealt with (policy grants.onEnd: stop).
    assert.equal(await running(granted), false, 'stopped by the time the page showed the revocation')
    const store = SqliteStore.open({ dataDir, readonly: true })
    try {
      const records = store.query({ actionKind: 'grant.revoke' })
      assert.ok(
        records.some((e) => e.target === grantId && e.caller.user === 'admin' && e.caller.via === 'token'),
        'the revocation is audited under the signed-in admin',
      )
    } finally {
      store.close()
    }
    const again = await docker(['run', '--rm', '--cap-add', 'SYS_ADMIN', BUSYBOX_IMAGE, 'true'], { host })
    assert.match(again.stderr, /denied by AL-0021/)
  })

  it('shows the audit chain intact, with the records the proxy wrote', async () => {
    await page.click('a[href="#audit"]')
    await page.click('button:has-text("Verify now")')
    const status = page.locator('.audit [data-testid="chain-status"]')
    const head = Number(
      /^head (\d+) /.exec((await page.locator('.audit .mono.small').textContent()) ?? '')?.[1],
    )
    assert.ok(head > 5, `the log holds the proxy's records (head ${head})`)
    // The first verification ran at start; the one asked for covers at least today's head.
    await until('the verification to cover the records', async () => {
      const text = (await status.textContent()) ?? ''
      return Number(/chain intact · (\d+) records/.exec(text)?.[1] ?? 0) >= head
    })
    assert.equal(await page.locator('.audit [data-testid="chain-status"].chain-ok').count(), 1)
    // The header shows the same, current status (not the check made at start).
    assert.equal(
      await page.locator('.top [data-testid="chain-status"]').textContent(),
      await status.textContent(),
    )
    assert.match(
      (await page.locator('.audit').textContent()) ?? '',
      /Calls\d+ \(\d+ allowed, [1-9]\d* denied/,
    )
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-proxy-audit.png'), fullPage: true })
  })

  it('revoking the token of a signed-in auditor ends their open live stream, and the page signs them out', async () => {
    const created = await airlock(['token', 'create', 'olive', '--role', 'auditor', '--data', dataDir])
    assert.equal(created.code, 0, created.stderr)
    const token = created.stdout.trim()
    await signIn(token)
    await page.waitForSelector('[data-testid="stream-state"].stream-live')
    // A stream of its own on the same kind of session, to see how it ends.
    const login = await fetch(`${base}/login`, {
      method: 'POST',
      body: new URLSearchParams({ token }),
      redirect: 'manual',
    })
    const cookie = /airlock_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0]
    assert.ok(cookie, 'signed in')
    const stream = await fetch(`${base}/api/events/stream`, { headers: { cookie } })
    assert.equal(stream.status, 200)
    const events = sseEvents(stream)
    assert.equal((await events.next()).value?.event, 'hello')

    const list = await airlock(['token', 'list', '--format', 'json', '--data', dataDir])
    const id = (JSON.parse(list.stdout) as { id: string; name: string }[]).find((t) => t.name === 'olive')?.id
    assert.ok(id, list.stdout)
    signingOut = true
    const revoked = await airlock(['token', 'revoke', id, '--data', dataDir])
    assert.equal(revoked.code, 0, revoked.stderr)
    const t0 = Date.now()
    const last = await Promise.race([
      (async () => {
        for (let e = await events.next(); !e.done; e = await events.next()) {
          if (e.value.event === 'signed-out') return e.value
        }
        return undefined
      })(),
      sleep(15_000).then(() => undefined),
    ])
    assert.equal(last?.event, 'signed-out', 'the open stream ended with signed-out')
    assert.match(last?.data ?? '', /session ended: .*not valid/)
    assert.ok(Date.now() - t0 < 12_000, 'within a few seconds of the revocation')
    assert.equal((await events.next()).done, true, 'and the stream is over')
    await page.waitForURL(`${base}/login`, { timeout: 15_000 })
    assert.equal((await fetch(`${base}/api/me`, { headers: { cookie } })).status, 401)
  })

  it('the page ran without script errors or CSP violations', () => {
    assert.deepEqual(problems, [])
  })
})
