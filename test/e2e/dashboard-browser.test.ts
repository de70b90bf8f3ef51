import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { RULES } from '../../src/policy/rules/index.js'
import { launchChromium } from '../helpers/chromium.js'
import { ADMIN_TOKEN, AUDITOR_TOKEN, dashboard, liveDenial, record } from '../unit/dashboard/fixtures.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const ARTIFACTS = join(ROOT, 'test-artifacts')

/** Polls `check` until it holds (the page's own script runs under a CSP that forbids eval). */
async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting for the page')
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** The rule ids of the `.rule` elements a locator matches, in order. */
async function ruleIds(rules: Locator): Promise<(string | null)[]> {
  const n = await rules.count()
  return Promise.all(Array.from({ length: n }, (_, i) => rules.nth(i).getAttribute('data-rule-id')))
}

/** Seconds of a countdown such as `49m 58s`. */
function secondsOf(countdown: string): number {
  const m = /^(?:(\d+)m )?(\d+)s$/.exec(countdown)
  assert.ok(m, `not a countdown: ${countdown}`)
  return Number(m[1] ?? 0) * 60 + Number(m[2])
}

/** Bundles the Preact client into build/dashboard (what `npm run build` will do). */
function buildBundle(): string {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-dashboard.mjs'), '--no-check'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  assert.equal(r.status, 0, `dashboard bundle failed: ${r.stdout}${r.stderr}`)
  return join(ROOT, 'build', 'dashboard')
}

describe('dashboard in Chromium', () => {
  const records = Array.from({ length: 40 }, (_, i) => record(i + 1))
  let d: ReturnType<typeof dashboard>
  let server: Server
  let base: string
  let ctx: BrowserContext
  let page: Page
  const profile = mkdtempSync(join(tmpdir(), 'airlock-chromium-'))
  let problems: string[] = []

  before(async () => {
    d = dashboard(records, { assetsDir: buildBundle() })
    server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: d.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s as Server))
    })
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    ;({ ctx, page, problems } = await launchChromium(profile))
    mkdirSync(ARTIFACTS, { recursive: true })
  })

  after(async () => {
    await ctx?.close()
    d?.monitor.events.close()
    server?.closeAllConnections()
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()))
    d?.close()
    rmSync(profile, { recursive: true, force: true })
  })

  it('sends a visitor without a session to the login page', async () => {
    await page.goto(`${base}/`)
    await page.waitForSelector('form[action="login"]')
    assert.equal(new URL(page.url()).pathname, '/login')
  })

  it('shows a denial in the live feed as it happens, and opens it to the rule and the fix', async () => {
    await page.goto(`${base}/login?token=${ADMIN_TOKEN}`)
    assert.equal(new URL(page.url()).pathname, '/')
    await page.waitForSelector('[data-testid="stream-state"].stream-live')
    await page.waitForSelector('.feed-row[data-request-id="req-39"]')
    d.monitor.onRequestDone(liveDenial('e2e-denial'))
    const row = page.locator('.feed-row[data-request-id="e2e-denial"]')
    await row.waitFor()
    assert.match((await row.textContent()) ?? '', /mallory.*container\.create.*AL-0001/)
    assert.equal(await page.locator('.feed-row').first().getAttribute('data-request-id'), 'e2e-denial')
    assert.deepEqual(await row.locator('.rules .rule-denied').allTextContents(), ['AL-0001 '])
    await row.locator('button').click()
    const rule = page.locator('.detail [data-group="denied"] .rule[data-rule-id="AL-0001"]')
    await rule.waitFor()
    const fix = RULES.find((r) => r.id === 'AL-0001')?.remediation ?? ''
    assert.ok(fix.length > 0)
    assert.equal(((await rule.locator('.fix').textContent()) ?? '').replace(/^Fix:\s*/, ''), fix)
    assert.equal(await rule.locator('.finding').textContent(), 'HostConfig.Privileged privileged is true')
    assert.deepEqual(await ruleIds(page.locator('.detail [data-group="denied"] .rule')), ['AL-0001'])
    assert.deepEqual(await ruleIds(page.locator('.detail [data-group="warning"] .rule')), [
      'AL-0024',
      'AL-0040',
    ])
    assert.equal(
      await page.locator('.detail [data-rule-id="AL-0040"] .finding').textContent(),
      'HostConfig.Memory no memory limit is set',
    )
    assert.match(
      (await page.locator('[data-testid="decision-message"]').textContent()) ?? '',
      /denied by AL-0001/,
    )
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true })
  })

  it('opens a call from the history to its stored findings', async () => {
    await page.locator('.feed-row[data-request-id="req-39"] button').click()
    const rule = page.locator('.detail [data-group="denied"] .rule[data-rule-id="AL-0001"]')
    await rule.waitFor()
    assert.equal(await rule.locator('.finding').textContent(), 'privileged is true')
  })

  it('filters the feed by decision and caller', async () => {
    // The filtered stream is subscribed once its answer starts: only then is what comes next live.
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/events/stream?decision=allow')),
      page.selectOption('select[name="decision"]', 'allow'),
    ])
    await until(
      async () =>
        (await page.locator('.feed-row').count()) > 0 &&
        (await page.locator('.feed-row:not(.decision-allow)').count()) === 0,
    )
    d.monitor.onRequestDone(liveDenial('e2e-hidden'))
    d.monitor.onRequestDone({
      ...liveDenial('e2e-allowed', 'alice'),
      decision: 'allow',
      status: 201,
      ruleIds: [],
      findings: [],
    })
    await page.locator('.feed-row[data-request-id="e2e-allowed"]').waitFor()
    assert.equal(await page.locator('.feed-row[data-request-id="e2e-hidden"]').count(), 0)
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/events/stream')),
      page.selectOption('select[name="decision"]', ''),
    ])
    // A live call arriving while the filter is typed re-renders the feed: the keystrokes stay.
    const caller = page.locator('input[name="caller"]')
    await caller.pressSequentially('mall')
    d.monitor.onRequestDone(liveDenial('e2e-while-typing', 'alice'))
    await page.locator('.feed-row[data-request-id="e2e-while-typing"]').waitFor()
    await caller.pressSequentially('ory')
    assert.equal(await caller.inputValue(), 'mallory')
    await caller.press('Enter')
    await until(async () => {
      const callers = await page.locator('.feed-row .caller').allTextContents()
      return callers.length > 0 && callers.every((c) => c === 'mallory')
    })
  })

  it('draws the charts from the audit log', async () => {
    await page.click('a[href="#charts"]')
    await page.waitForSelector('svg[aria-label="Calls per minute by decision"] rect.bar-deny')
    assert.ok(
      (await page.locator('svg[aria-label="Top callers"] text.label').allTextContents()).includes('alice'),
    )
    assert.ok(
      (await page.locator('svg[aria-label="Top denied rules"] text.label').allTextContents()).some((t) =>
        t.startsWith('AL-0001'),
      ),
    )
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-charts.png'), fullPage: true })
  })

  it('lists running containers with their findings and the audit chain status', async () => {
    await page.click('a[href="#containers"]')
    await page.waitForSelector('.container[data-container="agent"] .finding')
    assert.match((await page.locator('.container[data-container="agent"]').textContent()) ?? '', /AL-0001/)
    const header = page.locator('.top [data-testid="chain-status"]')
    assert.equal(await header.textContent(), 'chain not verified yet')
    await page.click('a[href="#audit"]')
    await page.click('button:has-text("Verify now")')
    await page.waitForSelector('.audit [data-testid="chain-status"].chain-ok')
    const panel = (await page.locator('.audit [data-testid="chain-status"]').textContent()) ?? ''
    assert.match(panel, /40 records/)
    // The header shows the verification just asked for, not the one it loaded with.
    await page.waitForSelector('.top [data-testid="chain-status"].chain-ok', { timeout: 2000 })
    assert.equal(await header.textContent(), panel)
  })

  it('counts a grant down and revokes it from the page', async () => {
    await page.click('a[href="#grants"]')
    const row = page.locator('tr[data-grant-id="g-active"]')
    await row.waitFor()
    const countdown = row.locator('[data-testid="countdown"]')
    const first = (await countdown.textContent()) ?? ''
    assert.match(first, /^(49|50)m \d\ds$/)
    // It ticks: within a few seconds it shows less time left (a frozen countdown never does).
    await until(async () => secondsOf((await countdown.textContent()) ?? '') < secondsOf(first), 4000)
    assert.equal(await page.locator('tr[data-grant-id="g-expired"] button').count(), 0)
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-grants.png'), fullPage: true })
    await row.locator('button:has-text("Revoke")').click()
    await page.waitForSelector(
      'tr[data-grant-id="g-active"] [data-testid="grant-status"]:has-text("revoked")',
    )
    assert.deepEqual(d.grants.revoked, [['g-active', 'root']])
    assert.equal(await row.locator('button').count(), 0)
  })

  it('an auditor reads but is offered no revoke', async () => {
    d.grants.grants.push({
      id: 'g-second',
      subject: 'carol',
      rules: ['AL-0001'],
      reason: 'incident',
      createdBy: 'root',
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
    })
    await ctx.clearCookies()
    await page.goto(`${base}/login?token=${AUDITOR_TOKEN}`)
    await page.click('a[href="#grants"]')
    await page.locator('tr[data-grant-id="g-second"]').waitFor()
    assert.equal(await page.locator('tr[data-grant-id="g-second"] button').count(), 0)
    assert.match((await page.locator('.top .me').textContent()) ?? '', /ada \(auditor\)/)
  })

  it('the page ran without script errors or CSP violations', () => {
    assert.deepEqual(problems, [])
  })
})
