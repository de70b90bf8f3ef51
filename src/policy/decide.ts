import type { Action } from '../model/action.js'
import type { ContainerSpec } from '../model/container-spec.js'
import type { Decision, Mutation } from '../model/decision.js'
import type { Finding, RawFinding } from '../model/finding.js'
import { type Grant, grantStatus } from '../model/grant.js'
import type { Identity } from '../model/identity.js'
import { applyDefaults } from './mutate.js'
import type { Exemption, Policy } from './policy.js'
import { profileMode } from './profiles.js'
import { isActionRule, isContainerRule, type Rule } from './rule.js'
import { RULES } from './rules/index.js'
import { actionSpec, visitFindings } from './runner.js'

export interface DecideContext {
  identity?: Identity
  /** Grants to consider; only active ones for this identity and scope waive anything. */
  grants?: readonly Grant[]
  now?: Date
  rules?: readonly Rule[]
  /** Names a finding's path in the caller's terms (`HostConfig.Privileged`), when the adapter can. */
  describePath?: (path: (string | number)[]) => string | undefined
}

function imageMatches(pattern: string, image: string): boolean {
  if (pattern.endsWith('*')) return image.startsWith(pattern.slice(0, -1))
  if (pattern === image) return true
  // A digest pattern matches a reference pinned to it; a name without tag matches `name:latest`.
  if (pattern.startsWith('sha256:')) return image.endsWith(`@${pattern}`)
  return !pattern.includes(':') && !pattern.includes('@') && image === `${pattern}:latest`
}

function exemptionApplies(
  e: Exemption,
  ruleId: string,
  slug: string,
  spec: ContainerSpec | undefined,
  ctx: DecideContext,
  now: Date,
): boolean {
  if (!e.rules.includes(ruleId) && !e.rules.includes(slug)) return false
  if (e.expires !== undefined && Date.parse(e.expires) <= now.getTime()) return false
  if (e.images && !(spec && e.images.some((p) => imageMatches(p, spec.image)))) return false
  if (e.labels && !(spec && Object.entries(e.labels).every(([k, v]) => spec.labels[k] === v))) return false
  if (e.callers && !(ctx.identity && e.callers.includes(ctx.identity.user))) return false
  if (e.groups && !ctx.identity?.groups.some((g) => e.groups?.includes(g))) return false
  return true
}

function grantApplies(
  g: Grant,
  ruleId: string,
  slug: string,
  spec: ContainerSpec | undefined,
  identity: Identity | undefined,
  policy: Policy,
  now: Date,
): boolean {
  if (!identity) return false
  if (grantStatus(g, now, policy.grantApproval) !== 'active') return false
  const subjects = [identity.user, ...identity.groups.map((grp) => `group:${grp}`)]
  if (!subjects.includes(g.subject)) return false
  if (!g.rules.includes(ruleId) && !g.rules.includes(slug)) return false
  if (g.image !== undefined && !(spec && imageMatches(g.image, spec.image))) return false
  if (g.container !== undefined && !(spec && spec.name === g.container)) return false
  return true
}

function denialMessage(blocking: Finding[], describe: DecideContext['describePath']): string {
  const [first, ...rest] = blocking
  if (!first) return 'airlock: denied'
  const where = describe?.(first.path)
  const detail = where ? `${where}: ${first.message}` : first.message
  const more = rest.length
    ? ` (and ${rest.length} more: ${[...new Set(rest.map((f) => f.ruleId))].join(', ')})`
    : ''
  return `airlock: denied by ${first.ruleId} ${first.slug}: ${detail}. Fix: ${first.remediation}${more}`
}

const ENABLED = new WeakMap<Policy, WeakMap<readonly Rule[], Rule[]>>()

/**
 * The rules that can judge a request (container and action rules) and that the policy does not turn
 * off, computed once per policy (policies are not mutated once loaded). Dockerfile and daemon rules
 * share the catalogue but never run here: no request carries a Dockerfile or the daemon's posture.
 */
function enabledRules(policy: Policy, all: readonly Rule[]): Rule[] {
  let byList = ENABLED.get(policy)
  if (!byList) {
    byList = new WeakMap()
    ENABLED.set(policy, byList)
  }
  let rules = byList.get(all)
  if (!rules) {
    rules = all.filter(
      (r) =>
        (isContainerRule(r) || isActionRule(r)) &&
        (policy.rules[r.id]?.mode ?? profileMode(r, policy.profile)) !== 'off',
    )
    byList.set(all, rules)
  }
  return rules
}

/**
 * The one decision function. Pure: the same action, policy and context give the same decision.
 * Secure defaults are applied first (and returned as mutations), then every enabled rule is run on
 * the result; enforce-mode findings block unless an exemption or an active grant waives them. A rule
 * that throws blocks too (fail closed).
 *
 * @example
 * decide(action({ kind: 'container.create', spec: { privileged: true } }), builtinPolicy()).message
 * // 'airlock: denied by AL-0001 no-privileged: privileged is true. Fix: ...'
 */
export function decide(input: Action, policy: Policy, ctx: DecideContext = {}): Decision {
  const now = ctx.now ?? new Date()
  const rules = enabledRules(policy, ctx.rules ?? RULES)

  let act = input
  let mutations: Mutation[] = []
  const carried = actionSpec(input)
  if (carried && (input.kind === 'container.create' || input.kind === 'service.create')) {
    const applied = applyDefaults(carried.spec, policy.defaults)
    mutations = applied.mutations
    act = { ...input, spec: applied.spec }
  }
  const spec = actionSpec(act)?.spec

  const findings: Finding[] = []
  const grantIds = new Set<string>()
  const errors = visitFindings(act, rules, { settings: policy.settings }, (rule, raw) => {
    const conf = policy.rules[rule.id] ?? { mode: profileMode(rule, policy.profile), severity: rule.severity }
    findings.push(toFinding(rule, conf, raw))
  })
  for (const f of findings) {
    if (f.result !== 'fail') continue
    const exemption = policy.exemptions.find((e) => exemptionApplies(e, f.ruleId, f.slug, spec, ctx, now))
    if (exemption) {
      f.waivedBy = { kind: 'exemption', id: exemption.id, reason: exemption.reason }
      continue
    }
    const grant = ctx.grants?.find((g) => grantApplies(g, f.ruleId, f.slug, spec, ctx.identity, policy, now))
    if (grant) {
      f.waivedBy = { kind: 'grant', id: grant.id, reason: grant.reason }
      grantIds.add(grant.id)
    }
  }

  const blocking = findings.filter((f) => f.result === 'fail' && !f.waivedBy)
  const warnings = findings
    .filter((f) => f.result === 'warn')
    .map((f) => `${f.ruleId} ${f.slug}: ${f.message}`)
  if (errors.length) {
    return {
      allowed: false,
      message: `airlock: denied: ${errors[0]}; Airlock fails closed when a rule cannot decide`,
      findings,
      mutations,
      grantIds: [...grantIds],
      warnings: [...warnings, ...errors],
    }
  }
  const allowed = blocking.length === 0
  return {
    allowed,
    message: allowed ? 'allowed' : denialMessage(blocking, ctx.describePath),
    findings,
    mutations: allowed ? mutations : [],
    grantIds: [...grantIds],
    warnings,
  }
}

function toFinding(
  rule: Rule,
  conf: { mode: string; severity: Finding['severity'] },
  raw: RawFinding,
): Finding {
  return {
    ruleId: rule.id,
    slug: rule.slug,
    title: rule.title,
    severity: conf.severity,
    result: conf.mode === 'enforce' ? 'fail' : 'warn',
    remediation: rule.remediation,
    message: raw.message,
    path: raw.path,
  }
}
