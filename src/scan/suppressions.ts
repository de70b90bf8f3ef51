import ignore from 'ignore'
import type { ScanFinding } from '../report/scan-report.js'
import { EXPIRED_SUPPRESSION, INVALID_SUPPRESSION } from './scan-checks.js'

/** An accepted suppression: which rules, where, why, until when. */
export interface SuppressionEntry {
  kind: 'inline' | 'airlockignore'
  /** Rule ids (resolved from ids, slugs or aliases). */
  rules: string[]
  /** `.airlockignore`: the path pattern (gitignore syntax, relative to the scan root). */
  pattern?: string
  reason: string
  /** Last day it works, inclusive (`YYYY-MM-DD`, UTC). */
  until?: string
  /** Where it is written (report form: relative file). */
  file: string
  line: number
  column: number
}

/** Suppressions read from one place, and the findings about suppressions that were refused or expired. */
export interface ParsedSuppressions {
  entries: SuppressionEntry[]
  /** `.airlockignore` lines without a rule: paths the scan does not walk. */
  pathPatterns: string[]
  problems: ScanFinding[]
}

/** Resolves a rule reference (`AL-0005`, `no-host-uts`, an alias) to its id. */
export type RuleResolver = (ref: string) => string | undefined

const DIRECTIVE = /(^|\s)#\s*airlock:ignore\b(.*)$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Splits `a b="c d" e='f'` into tokens, keeping quotes out of values. */
function tokens(text: string): string[] {
  const out: string[] = []
  const re = /([^\s"'=]+=)?("([^"]*)"|'([^']*)'|[^\s"']+)|([^\s"'=]+=)(?=\s|$)/g
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[5] !== undefined) out.push(m[5])
    else out.push((m[1] ?? '') + (m[3] ?? m[4] ?? m[2] ?? ''))
  }
  return out
}

function endOfDay(date: string): number | undefined {
  const m = DATE.exec(date)
  if (!m) return undefined
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999)
  const d = new Date(t)
  // Reject dates that roll over (2027-02-30).
  if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return undefined
  return t
}

function problem(
  check: typeof INVALID_SUPPRESSION | typeof EXPIRED_SUPPRESSION,
  message: string,
  at: { file: string; line: number; column: number },
): ScanFinding {
  return {
    ruleId: check.id,
    slug: check.slug,
    title: check.title,
    severity: check.severity,
    result: check.result,
    message,
    remediation: check.remediation,
    file: at.file,
    line: at.line,
    column: at.column,
  }
}

interface Fields {
  reason?: string
  until?: string
  unknown: string[]
}

function fields(parts: readonly string[]): Fields {
  const out: Fields = { unknown: [] }
  for (const p of parts) {
    const i = p.indexOf('=')
    const key = i > 0 ? p.slice(0, i) : ''
    if (key === 'reason') out.reason = p.slice(i + 1).trim()
    else if (key === 'until') out.until = p.slice(i + 1).trim()
    else out.unknown.push(p)
  }
  return out
}

/**
 * Validates one suppression: rules known, a reason given, a well-formed date not in the past.
 * Returns the entry, or the problem found (an expired suppression is a warning, the rest errors).
 */
function validate(
  refs: string[],
  f: Fields,
  at: { file: string; line: number; column: number },
  kind: SuppressionEntry['kind'],
  resolve: RuleResolver,
  now: Date,
  pattern?: string,
): { entry: SuppressionEntry } | { problem: ScanFinding } {
  const what = `suppression of ${refs.join(',')}${pattern ? ` for ${pattern}` : ''}`
  const refused = (why: string) => ({ problem: problem(INVALID_SUPPRESSION, `${what} refused: ${why}`, at) })
  if (refs.length === 0 || refs.some((r) => r === ''))
    return refused('name the rule (airlock:ignore AL-0005 …)')
  const ids: string[] = []
  for (const ref of refs) {
    const id = resolve(ref)
    if (!id) return refused(`unknown rule "${ref}" (run "airlock rules list")`)
    if (!ids.includes(id)) ids.push(id)
  }
  if (f.unknown.length)
    return refused(`unknown field "${f.unknown[0]}" (write reason="…" and optionally until=YYYY-MM-DD)`)
  if (!f.reason) return refused('every suppression needs reason="…" saying why the finding is acceptable')
  let until: string | undefined
  if (f.until !== undefined) {
    const end = endOfDay(f.until)
    if (end === undefined) return refused(`until=${f.until} is not a date; write until=YYYY-MM-DD`)
    if (end < now.getTime()) {
      return {
        problem: problem(
          EXPIRED_SUPPRESSION,
          `${what} expired on ${f.until} (reason: ${f.reason}): the findings it covered are reported again`,
          at,
        ),
      }
    }
    until = f.until
  }
  return {
    entry: {
      kind,
      rules: ids,
      reason: f.reason,
      ...(until && { until }),
      ...(pattern !== undefined && { pattern }),
      ...at,
    },
  }
}

/**
 * Reads inline suppressions: `# airlock:ignore AL-0005[,no-host-pid] reason="…" [until=YYYY-MM-DD]`
 * in YAML, shell, Makefile and Dockerfile comments. A suppression applies to findings on its own
 * line, on the first line after the comment block it belongs to, and to every finding of a workload
 * whose definition starts there.
 *
 * @example parseInlineSuppressions('# airlock:ignore AL-0001 reason="lab"\nprivileged: true\n', 'c.yaml', resolve, now)
 */
export function parseInlineSuppressions(
  text: string,
  file: string,
  resolve: RuleResolver,
  now: Date,
): ParsedSuppressions {
  const out: ParsedSuppressions = { entries: [], pathPatterns: [], problems: [] }
  if (!text.includes('airlock:ignore')) return out
  const lines = text.split('\n')
  lines.forEach((line, i) => {
    const m = DIRECTIVE.exec(line)
    if (!m) return
    const at = { file, line: i + 1, column: (m.index ?? 0) + (m[1]?.length ?? 0) + 1 }
    const [first = '', ...rest] = tokens(m[2] ?? '')
    const refs = first.includes('=') ? [] : first.split(',').map((r) => r.trim())
    const v = validate(
      refs,
      fields(first.includes('=') ? [first, ...rest] : rest),
      at,
      'inline',
      resolve,
      now,
    )
    if ('entry' in v) out.entries.push(v.entry)
    else out.problems.push(v.problem)
  })
  return out
}

/**
 * Reads `.airlockignore`: `RULE[,RULE] PATTERN reason="…" [until=YYYY-MM-DD]` suppresses rules for
 * files matching the gitignore-style pattern (or live objects: `docker://web*`); a line with only a
 * pattern excludes those paths from the scan. `#` starts a comment.
 *
 * @example parseAirlockignore('AL-0005 legacy/** reason="retired in Q3" until=2027-01-31\nvendor/\n', '.airlockignore', resolve, now)
 */
export function parseAirlockignore(
  text: string,
  file: string,
  resolve: RuleResolver,
  now: Date,
): ParsedSuppressions {
  const out: ParsedSuppressions = { entries: [], pathPatterns: [], problems: [] }
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '')
    const body = line.trim()
    if (body === '' || body.startsWith('#')) return
    const at = { file, line: i + 1, column: line.length - line.trimStart().length + 1 }
    const [first = '', ...rest] = tokens(body.replace(/\s#.*$/, ''))
    const refs = first.split(',')
    const isRule = refs.every((r) => resolve(r) !== undefined) || /^AL-\d+$/i.test(refs[0] ?? '')
    if (!isRule) {
      const f = fields(rest)
      if (f.unknown.length) {
        out.problems.push(
          problem(
            INVALID_SUPPRESSION,
            `line not understood: "${body}"; write RULE PATTERN reason="…" [until=YYYY-MM-DD], or a path pattern alone to exclude it`,
            at,
          ),
        )
      } else out.pathPatterns.push(first)
      return
    }
    const [pattern, ...more] = rest
    if (pattern === undefined || pattern.includes('=')) {
      out.problems.push(
        problem(
          INVALID_SUPPRESSION,
          `suppression of ${first} refused: give the path pattern it applies to`,
          at,
        ),
      )
      return
    }
    const v = validate(refs, fields(more), at, 'airlockignore', resolve, now, pattern)
    if ('entry' in v) out.entries.push(v.entry)
    else out.problems.push(v.problem)
  })
  return out
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*?|\?/g, (m) => (m === '?' ? '.' : '.*'))
  return new RegExp(`^${body}$`)
}

const matchers = new Map<string, (file: string) => boolean>()

/**
 * Whether an `.airlockignore` pattern covers a report path (relative file, absolute file, or URI).
 *
 * @example patternMatches('k8s/**', 'k8s/prod/app.yaml') // true
 */
export function patternMatches(pattern: string, file: string): boolean {
  let m = matchers.get(pattern)
  if (!m) {
    const ig = ignore().add(pattern)
    const re = globToRegExp(pattern)
    m = (f: string) => {
      if (f.includes('://') || f.startsWith('/') || f.startsWith('..')) return re.test(f)
      return ig.ignores(f)
    }
    matchers.set(pattern, m)
  }
  return m(file)
}

/**
 * The lines a suppression on `line` reaches: itself, and the first non-comment line below its comment block.
 *
 * @example suppressedLines(['# airlock:ignore …', '# more', 'privileged: true'], 1) // [1, 3]
 */
export function suppressedLines(lines: readonly string[], line: number): number[] {
  const out = [line]
  let next = line + 1
  while (next <= lines.length && /^\s*#/.test(lines[next - 1] ?? '')) next++
  if (/^\s*#/.test(lines[line - 1] ?? '') && next <= lines.length) out.push(next)
  return out
}

/**
 * Marks the findings the suppressions cover. A finding is covered by an inline entry that reaches
 * its line or the line where its workload starts, or by an `.airlockignore` entry whose pattern
 * matches its file; policy exemptions already set stay. Scanner checks are never suppressed.
 *
 * @example applySuppressions(findings, inline, airlockignore, (file) => lines.get(file), workloadLine)
 */
export function applySuppressions(
  findings: ScanFinding[],
  inline: ReadonlyMap<string, { entries: SuppressionEntry[]; lines: readonly string[] }>,
  fileEntries: readonly SuppressionEntry[],
  workloadLine: (f: ScanFinding) => number | undefined,
): void {
  const reach = new Map<string, Map<number, SuppressionEntry[]>>()
  for (const [file, { entries, lines }] of inline) {
    const byLine = new Map<number, SuppressionEntry[]>()
    for (const e of entries) {
      for (const l of suppressedLines(lines, e.line)) byLine.set(l, [...(byLine.get(l) ?? []), e])
    }
    reach.set(file, byLine)
  }
  for (const f of findings) {
    if (f.suppression || f.ruleId.startsWith('scan/')) continue
    const byLine = reach.get(f.file)
    const candidates = [
      ...(f.line !== undefined ? (byLine?.get(f.line) ?? []) : []),
      ...(byLine?.get(workloadLine(f) ?? -1) ?? []),
    ]
    const hit =
      candidates.find((e) => e.rules.includes(f.ruleId)) ??
      fileEntries.find(
        (e) => e.rules.includes(f.ruleId) && e.pattern !== undefined && patternMatches(e.pattern, f.file),
      )
    if (!hit) continue
    f.suppression = {
      kind: hit.kind,
      reason: hit.reason,
      ...(hit.until && { until: hit.until }),
      source: `${hit.file}:${hit.line}`,
    }
  }
}
