import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { AdapterResult, Workload } from '../adapters/workload.js'
import { errorMessage, InputError } from '../errors.js'
import type { Policy } from '../policy/policy.js'
import { DAEMON_RULES } from '../policy/rules/index.js'
import type { ScanFinding, ScanReport } from '../report/scan-report.js'
import { buildReport } from './build-report.js'
import { composeProjects } from './compose-projects.js'
import { detectFormat, type FileFormat } from './detect-format.js'
import { discoverFiles, type ScanTarget } from './discover-files.js'
import { evaluateDaemon } from './evaluate-daemon.js'
import { scanningPolicy } from './evaluate-workload.js'
import type { FailOn } from './fail-on.js'
import type { LiveHostScan } from './live-host.js'
import { createPathFilter, statKind } from './path-filter.js'
import type { ScanAdapters } from './scan-adapters.js'
import { ScanCollector } from './scan-collector.js'
import { resolveRuleRef } from './scan-policy.js'
import { displayPath, scanRoot } from './scan-root.js'
import {
  applySuppressions,
  parseAirlockignore,
  parseInlineSuppressions,
  type SuppressionEntry,
} from './suppressions.js'

/** Files larger than this are not scanned: no real manifest is 5 MB. */
const MAX_FILE_BYTES = 5 * 1024 * 1024

export interface ScanOptions {
  /** Files and directories to scan, as given (relative to `cwd`). */
  paths: readonly string[]
  policy: Policy
  adapters: ScanAdapters
  failOn?: FailOn
  cwd?: string
  now?: Date
  /** Scan a live daemon too: the function reads it (see `scanLiveHost`). */
  live?: () => Promise<LiveHostScan>
  /** The shell environment compose files are interpolated with (over each project's `.env`). Default: none. */
  env?: Record<string, string | undefined>
  /** Text to use instead of what is on disk, by absolute path (the fixer checks its changes this way). */
  overlay?: ReadonlyMap<string, string>
  /** Called for every workload decided, with its findings (suppressions are set once the scan returns). */
  onWorkload?: (workload: Workload, findings: readonly ScanFinding[]) => void
  /** Called with the number of files read so far and the total. */
  onProgress?: (done: number, total: number) => void
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

function readSource(
  file: string,
  overlay: ReadonlyMap<string, string> | undefined,
): string | { skip: string } {
  const over = overlay?.get(file)
  if (over !== undefined) return over
  const text = readFileSync(file, 'utf8')
  if (text.length > MAX_FILE_BYTES) return { skip: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` }
  const nul = text.indexOf('\u0000')
  return nul >= 0 && nul < 8000 ? { skip: 'binary' } : text
}

/** Runs an adapter; one that throws (a bug, not bad input) becomes an error at the top of the file. */
function adapt(run: () => AdapterResult, file: string): AdapterResult {
  try {
    return run()
  } catch (err) {
    return {
      workloads: [],
      errors: [
        { message: `cannot read the file: ${errorMessage(err)}`, location: { file, line: 1, column: 1 } },
      ],
    }
  }
}

function resolveTargets(paths: readonly string[], cwd: string): ScanTarget[] {
  return paths.map((p) => {
    const abs = resolve(cwd, p)
    const kind = statKind(abs)
    if (!kind) throw new InputError(`cannot read ${p}: no such file or directory`)
    return { path: abs, isDirectory: kind === 'directory' }
  })
}

/** Runs a Dockerfile adapter; one that throws becomes an error at the top of the file. */
function scanDockerfile(
  c: ScanCollector,
  adapters: ScanAdapters,
  file: string,
  shown: string,
  text: string,
): void {
  const adapter = adapters.dockerfile
  if (!adapter) {
    c.skipped(file, 'no dockerfile adapter in this build', 'dockerfile')
    return
  }
  let parsed: ReturnType<typeof adapter>
  try {
    parsed = adapter(shown, text)
  } catch (err) {
    const location = { file: shown, line: 1, column: 1 }
    c.adapted(file, 'dockerfile', {
      workloads: [],
      errors: [{ message: `cannot read the file: ${errorMessage(err)}`, location }],
    })
    return
  }
  c.dockerfile(shown, parsed.model, parsed.errors)
}

/** Scans one file that is not compose (compose files are scanned per project). */
function scanSingle(
  c: ScanCollector,
  adapters: ScanAdapters,
  file: string,
  format: FileFormat,
  text: string,
): void {
  // Adapters name workloads after the path they get: give them the one reports show.
  const shown = displayPath(file, c.root)
  if (format === 'dockerfile') scanDockerfile(c, adapters, file, shown, text)
  else if (format === 'kubernetes' || format === 'docker-run') {
    const adapter = format === 'kubernetes' ? adapters.kubernetes : adapters.dockerRun
    if (adapter)
      c.adapted(
        file,
        format,
        adapt(() => adapter(shown, text), shown),
      )
    else c.skipped(file, `no ${format} adapter in this build`, format)
  }
}

function scanLive(c: ScanCollector, policy: Policy, live: LiveHostScan, now: Date): void {
  for (const w of live.workloads) {
    c.workloads([w])
    c.sources.push({
      file: w.location.file,
      format: 'container',
      status: 'scanned',
      workloads: 1,
      workloadNames: [w.name],
    })
  }
  c.errors(live.errors)
  c.findings.push(...evaluateDaemon(live.posture, DAEMON_RULES, policy, live.locatePosture, c.root, now))
  c.sources.push({
    file: live.host,
    format: 'daemon',
    status: 'scanned',
    workloads: 1,
    workloadNames: ['daemon'],
  })
}

/** Reads, detects and scans every file but compose ones, which it returns (compose merges per project). */
function scanFiles(
  c: ScanCollector,
  files: readonly string[],
  opts: ScanOptions,
  inline: Map<string, { entries: SuppressionEntry[]; lines: string[] }>,
  now: Date,
): Map<string, string> {
  const compose = new Map<string, string>()
  opts.onProgress?.(0, files.length)
  let done = 0
  for (const file of files) {
    let text: string | { skip: string }
    try {
      text = readSource(file, opts.overlay)
    } catch (err) {
      c.errors([
        { message: `cannot read the file: ${errorMessage(err)}`, location: { file, line: 0, column: 0 } },
      ])
      continue
    } finally {
      opts.onProgress?.(++done, files.length)
    }
    if (typeof text !== 'string') {
      c.skipped(file, text.skip)
      continue
    }
    const detected = detectFormat(file, text)
    if (!detected) continue
    if ('skip' in detected) {
      c.skipped(file, detected.skip, 'kubernetes')
      continue
    }
    const shown = displayPath(file, c.root)
    const suppressions = parseInlineSuppressions(text, shown, resolveRuleRef, now)
    c.findings.push(...suppressions.problems)
    if (suppressions.entries.length)
      inline.set(shown, { entries: suppressions.entries, lines: text.split('\n') })
    if (detected.format === 'compose') compose.set(file, text)
    else scanSingle(c, opts.adapters, file, detected.format, text)
  }
  return compose
}

/** Scans the compose files by project: a default file with its override, every other file alone. */
function scanComposeProjects(
  c: ScanCollector,
  compose: ReadonlyMap<string, string>,
  opts: ScanOptions,
): void {
  for (const project of composeProjects([...compose.keys()])) {
    const [first, ...overrides] = project as [string, ...string[]]
    const adapter = opts.adapters.compose
    if (!adapter) {
      for (const f of project) c.skipped(f, 'no compose adapter in this build', 'compose')
      continue
    }
    const inputs = project.map((path) => ({ path, text: compose.get(path) as string }))
    const env = opts.env ?? {}
    c.adapted(
      first,
      'compose',
      adapt(() => adapter(inputs, { projectDir: dirname(first), env }), first),
    )
    for (const f of overrides)
      c.sources.push({ file: displayPath(f, c.root), format: 'compose', status: 'scanned', workloads: 0 })
  }
}

/**
 * Scans files, directories and optionally a live daemon: discovers files (respecting .gitignore and
 * `.airlockignore`), detects each one's format by content, turns it into workloads with the
 * adapters, decides every workload with the policy, applies suppressions, and returns the report
 * all formats render. Unreadable paths are an InputError; files that do not parse are findings.
 *
 * @example const report = await scan({ paths: ['.'], policy: scanPolicy({}), adapters: defaultScanAdapters() })
 */
export async function scan(opts: ScanOptions): Promise<ScanReport> {
  const cwd = opts.cwd ?? process.cwd()
  const now = opts.now ?? new Date()
  const policy = scanningPolicy(opts.policy)
  const targets = resolveTargets(opts.paths, cwd)
  const c = new ScanCollector(policy, scanRoot(targets, cwd), now, opts.onWorkload)

  const fileEntries: SuppressionEntry[] = []
  const inline = new Map<string, { entries: SuppressionEntry[]; lines: string[] }>()
  const ignoreFile = readIfExists(join(c.root, '.airlockignore'))
  const ignored = parseAirlockignore(ignoreFile ?? '', '.airlockignore', resolveRuleRef, now)
  fileEntries.push(...ignored.entries)
  c.findings.push(...ignored.problems)

  const files = targets.length
    ? discoverFiles(
        targets,
        createPathFilter(
          c.root,
          ignored.pathPatterns,
          targets.filter((t) => t.isDirectory).map((t) => t.path),
        ),
      )
    : []
  const compose = scanFiles(c, files, opts, inline, now)
  scanComposeProjects(c, compose, opts)

  if (opts.live) scanLive(c, policy, await opts.live(), now)

  applySuppressions(c.findings, inline, fileEntries, (f) => c.workloadLine(f))
  return buildReport({
    root: c.root,
    profile: opts.policy.profile,
    policy: opts.policy.source,
    failOn: opts.failOn ?? 'fail',
    now,
    sources: c.sources,
    findings: c.findings,
  })
}
