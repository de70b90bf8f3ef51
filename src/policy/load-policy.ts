import { readFileSync } from 'node:fs'
import { LineCounter, parseDocument } from 'yaml'
import type { z } from 'zod'
import { errorMessage, PolicyError } from '../errors.js'
import { isKnownRole, resolveRoles } from '../identity/role-config.js'
import { resolveAlertRules } from '../monitor/alerts/resolve-alert-rules.js'
import { resolveRateLimits } from '../monitor/resolve-rate-limits.js'
import type { Exemption, Policy, SecureDefaults } from './policy.js'
import { PolicyFile } from './policy-schema.js'
import { builtinPolicy } from './profiles.js'
import type { Rule } from './rule.js'
import { RULES } from './rules/index.js'
import { parseByteSize, parseDurationSeconds } from './units.js'

type Path = (string | number)[]

function closest(word: string, candidates: readonly string[]): string | undefined {
  const dist = (a: string, b: string) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
    for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++) {
        const row = d[i] as number[]
        const prev = d[i - 1] as number[]
        row[j] = Math.min(
          (prev[j] as number) + 1,
          (row[j - 1] as number) + 1,
          (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
        )
      }
    return (d[a.length] as number[])[b.length] as number
  }
  let best: string | undefined
  let bestD = Math.max(3, Math.floor(word.length / 3)) + 1
  for (const c of candidates) {
    const d = dist(word.toLowerCase(), c.toLowerCase())
    if (d < bestD) {
      best = c
      bestD = d
    }
  }
  return best
}

type Ranged = { range?: [number, number, number] }

/** The node of a map key (so an unknown key points at itself), when `key` is given. */
function keyNode(doc: ReturnType<typeof parseDocument>, path: Path, key: string): Ranged | undefined {
  const parent = (path.length ? doc.getIn(path, true) : doc.contents) as
    | { items?: { key?: Ranged & { value?: unknown } }[] }
    | undefined
  return parent?.items?.find((pair) => pair.key?.value === key)?.key
}

/** Formats `file:line:col: path: message`; with `key`, points at that key inside `path`. */
function located(file: string, text: string, path: Path, message: string, key?: string): string {
  const lc = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false })
  let node = (key === undefined ? doc.getIn(path, true) : keyNode(doc, path, key)) as Ranged | undefined
  // For unknown keys the value node is what exists; fall back to the parent when it does not.
  for (let p = path; !node?.range && p.length > 0; ) {
    p = p.slice(0, -1)
    node = (p.length ? doc.getIn(p, true) : doc.contents) as typeof node
  }
  const pos = node?.range ? lc.linePos(node.range[0]) : { line: 1, col: 1 }
  const where = path.length ? `${path.join('.')}: ` : ''
  return `${file}:${pos.line}:${pos.col}: ${where}${message}`
}

function issueMessage(issue: z.core.$ZodIssue, keysAt: (path: Path) => string[]): string {
  if (issue.code === 'unrecognized_keys') {
    const allowed = keysAt(issue.path as Path)
    return issue.keys
      .map((k) => {
        const hint = closest(k, allowed)
        return `unknown key "${k}"${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: ${allowed.join(', ')}`
      })
      .join('; ')
  }
  return issue.message
}

function shapeKeys(path: Path): string[] {
  let schema: unknown = PolicyFile
  for (const seg of path) {
    const s = schema as {
      shape?: Record<string, unknown>
      unwrap?: () => unknown
      def?: { innerType?: unknown; element?: unknown; valueType?: unknown }
    }
    let inner: unknown = s
    for (let i = 0; i < 5; i++) {
      const d = (inner as { def?: { innerType?: unknown } }).def
      if (d?.innerType) inner = d.innerType
      else break
    }
    const shaped = inner as {
      shape?: Record<string, unknown>
      def?: { element?: unknown; valueType?: unknown }
    }
    if (typeof seg === 'number') schema = shaped.def?.element
    else if (shaped.shape) schema = shaped.shape[seg]
    else schema = shaped.def?.valueType
  }
  let inner: unknown = schema
  for (let i = 0; i < 5; i++) {
    const d = (inner as { def?: { innerType?: unknown } } | undefined)?.def
    if (d?.innerType) inner = d.innerType
    else break
  }
  return Object.keys((inner as { shape?: Record<string, unknown> } | undefined)?.shape ?? {})
}

function resolveRule(key: string, rules: readonly Rule[]): Rule | undefined {
  return rules.find((r) => r.id === key || r.slug === key || r.aliases?.includes(key))
}

/**
 * Parses and validates a policy document and resolves it into a `Policy`. Every error names the file,
 * the line and column, the key, and what to write instead.
 *
 * @example parsePolicy('profile: restricted\nrules:\n  AL-0050: warn\n', 'policy.yaml').profile // 'restricted'
 */
export function parsePolicy(text: string, file = 'policy.yaml', rules: readonly Rule[] = RULES): Policy {
  const lc = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lc, version: '1.2', uniqueKeys: true })
  if (doc.errors.length) {
    const e = doc.errors[0]
    const pos = e?.linePos?.[0]
    throw new PolicyError(
      `${file}:${pos?.line ?? 1}:${pos?.col ?? 1}: ${e?.message.split('\n')[0] ?? 'invalid YAML'}`,
    )
  }
  const raw = doc.toJS() ?? {}
  const parsed = PolicyFile.safeParse(raw)
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 5).map((issue) => {
      const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined
      return located(file, text, issue.path as Path, issueMessage(issue, shapeKeys), key)
    })
    throw new PolicyError(lines.join('\n'))
  }
  const pf = parsed.data
  const policy = builtinPolicy(pf.profile, rules)
  policy.source = file

  for (const [key, override] of Object.entries(pf.rules ?? {})) {
    const rule = resolveRule(key, rules)
    if (!rule) {
      const hint = closest(
        key,
        rules.flatMap((r) => [r.id, r.slug]),
      )
      throw new PolicyError(
        located(
          file,
          text,
          ['rules'],
          `unknown rule "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; run "airlock rules list" for ids and slugs`,
          key,
        ),
      )
    }
    const current = policy.rules[rule.id] ?? { mode: 'enforce', severity: rule.severity }
    policy.rules[rule.id] =
      typeof override === 'string'
        ? { ...current, mode: override }
        : { mode: override.mode ?? current.mode, severity: override.severity ?? current.severity }
  }

  policy.exemptions = (pf.exemptions ?? []).map((e, i): Exemption => {
    for (const [j, ref] of e.rules.entries()) {
      if (!resolveRule(ref, rules))
        throw new PolicyError(located(file, text, ['exemptions', i, 'rules', j], `unknown rule "${ref}"`))
    }
    let expires: string | undefined
    if (e.expires !== undefined) {
      const t = Date.parse(e.expires)
      if (Number.isNaN(t))
        throw new PolicyError(
          located(file, text, ['exemptions', i, 'expires'], 'not a date; write it as 2027-01-31'),
        )
      expires = new Date(t).toISOString()
    }
    return {
      id: e.name ?? `exemption[${i}]`,
      rules: e.rules.map((ref) => resolveRule(ref, rules)?.id ?? ref),
      reason: e.reason,
      ...(e.images && { images: e.images }),
      ...(e.labels && { labels: e.labels }),
      ...(e.callers && { callers: e.callers }),
      ...(e.groups && { groups: e.groups }),
      ...(expires && { expires }),
    }
  })

  Object.assign(policy.settings, pf.settings ?? {})
  if (pf.defaults) {
    const d = pf.defaults
    const defaults: SecureDefaults = { ...policy.defaults }
    if (d.noNewPrivileges !== undefined) defaults.noNewPrivileges = d.noNewPrivileges
    if (d.pidsLimit !== undefined) defaults.pidsLimit = d.pidsLimit
    if (d.memory !== undefined) defaults.memory = parseByteSize(d.memory)
    if (d.cpus !== undefined) defaults.nanoCpus = Math.round(d.cpus * 1e9)
    if (d.capDropAll !== undefined) defaults.capDropAll = d.capDropAll
    if (d.readOnlyRootfs !== undefined) defaults.readOnlyRootfs = d.readOnlyRootfs
    policy.defaults = defaults
  }
  if (pf.grants?.maxTtl !== undefined) policy.maxGrantTtlSeconds = parseDurationSeconds(pf.grants.maxTtl)
  if (pf.grants?.requireApproval !== undefined) policy.grantApproval = pf.grants.requireApproval
  if (pf.grants?.onEnd !== undefined) policy.grantOnEnd = pf.grants.onEnd
  policy.explicitRules = Object.keys(pf.rules ?? {}).map((key) => resolveRule(key, rules)?.id ?? key)
  if (pf.roles)
    policy.roles = resolveRoles(
      pf.roles,
      (path, message) => new PolicyError(located(file, text, path, message)),
    )
  if (pf.identity?.defaultRole !== undefined) {
    const name = pf.identity.defaultRole
    if (!isKnownRole(name, policy.roles)) {
      throw new PolicyError(
        located(file, text, ['identity', 'defaultRole'], `unknown role "${name}"; define it under roles:`),
      )
    }
    policy.defaultRole = name
  }
  const fail = (path: Path, message: string) => new PolicyError(located(file, text, path, message))
  if (pf.rateLimits) policy.rateLimits = resolveRateLimits(pf.rateLimits, fail)
  if (pf.alerts) policy.alerts = resolveAlertRules(pf.alerts, fail)
  return policy
}

/** Reads and parses a policy file; without a path, the built-in baseline policy. */
export function loadPolicy(path?: string, rules: readonly Rule[] = RULES): Policy {
  if (!path) return builtinPolicy('baseline', rules)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new PolicyError(`cannot read policy file ${path}: ${errorMessage(err)}`, { cause: err })
  }
  return parsePolicy(text, path, rules)
}
