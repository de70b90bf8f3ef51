import { type BrowserContext, type ConsoleMessage, chromium, type Page } from 'playwright-core'

/** Debian's Chromium, driven by playwright-core (no browser download). */
export const CHROMIUM_PATH = '/usr/bin/chromium'

/** Flags for a quiet headless Chromium in a container (root, no GPU, no background traffic). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface ChromiumOptions {
  /** Console errors that are expected (a refused sign-in answering 401): not counted as problems. */
  expectedConsoleError?: (msg: ConsoleMessage) => boolean
  /** Default timeout of the context's actions and waits, in ms (playwright's default otherwise). */
  timeoutMs?: number
}

/** A browser with one page, and what went wrong on it. */
export interface ChromiumSession {
  ctx: BrowserContext
  page: Page
  /** Page errors (uncaught exceptions) and console errors, CSP violations included. */
  problems: string[]
}

/**
 * Launches headless Chromium with a persistent profile in `profileDir` (1400×900), opens its page,
 * accepts every dialog (the page's confirms) and collects uncaught page errors and console errors
 * in `problems`, so a test can assert at the end that the page ran clean.
 *
 * @example
 * const { ctx, page, problems } = await launchChromium(join(work.path, 'chromium'))
 * after(() => ctx.close())
 * it('ran clean', () => assert.deepEqual(problems, []))
 */
export async function launchChromium(
  profileDir: string,
  opts: ChromiumOptions = {},
): Promise<ChromiumSession> {
  const ctx = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport: { width: 1400, height: 900 },
  })
  if (opts.timeoutMs !== undefined) ctx.setDefaultTimeout(opts.timeoutMs)
  const page = ctx.pages()[0] ?? (await ctx.newPage())
  const problems: string[] = []
  page.on('dialog', (dialog) => void dialog.accept())
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !opts.expectedConsoleError?.(msg)) {
      problems.push(`console: ${msg.text()} (${msg.location().url})`)
    }
  })
  return { ctx, page, problems }
}
