import { errorMessage } from '../errors.js'
import type { Action } from '../model/action.js'
import type { ContainerSpec } from '../model/container-spec.js'
import type { DaemonPosture } from '../model/daemon-posture.js'
import type { DockerfileModel } from '../model/dockerfile.js'
import type { RawFinding } from '../model/finding.js'
import {
  type DaemonRule,
  isActionRule,
  isContainerRule,
  isDaemonRule,
  isDockerfileRule,
  type Rule,
  type RuleContext,
} from './rule.js'

/** What one rule said about one subject. A rule that threw reports `error` (and the decision fails closed). */
export interface RuleOutcome {
  rule: Rule
  findings: RawFinding[]
  error?: string
}

/** The container spec an action carries, and where it sits in the action. */
export function actionSpec(action: Action): { spec: ContainerSpec; at: string[] } | undefined {
  switch (action.kind) {
    case 'container.create':
    case 'service.create':
    case 'service.update':
      return { spec: action.spec, at: ['spec'] }
    case 'container.start':
      return action.hostConfig ? { spec: action.hostConfig, at: ['hostConfig'] } : undefined
    default:
      return undefined
  }
}

function safeCheck(rule: Rule, run: () => RawFinding[]): RuleOutcome {
  try {
    return { rule, findings: run() }
  } catch (err) {
    return { rule, findings: [], error: `rule ${rule.id} ${rule.slug} failed: ${errorMessage(err)}` }
  }
}

/** Runs container rules over one spec. Paths in findings are relative to the spec. */
export function runSpecRules(spec: ContainerSpec, rules: readonly Rule[], ctx: RuleContext): RuleOutcome[] {
  return rules.filter(isContainerRule).map((rule) => safeCheck(rule, () => rule.check(spec, ctx)))
}

/**
 * Runs every applicable rule over an action: container rules over the spec it carries (paths
 * prefixed with where the spec sits), action rules whose `appliesTo` lists the kind. Dockerfile and
 * daemon rules never run on a request.
 *
 * @example runRules(action({ kind: 'container.create', spec: { privileged: true } }), RULES, { settings })
 */
export function runRules(action: Action, rules: readonly Rule[], ctx: RuleContext): RuleOutcome[] {
  const out: RuleOutcome[] = []
  const carried = actionSpec(action)
  for (const rule of rules) {
    if (isContainerRule(rule)) {
      if (!carried) continue
      const o = safeCheck(rule, () => rule.check(carried.spec, ctx))
      out.push({ ...o, findings: o.findings.map((f) => ({ ...f, path: [...carried.at, ...f.path] })) })
    } else if (isActionRule(rule) && (rule.appliesTo as readonly string[]).includes(action.kind)) {
      out.push(
        safeCheck(rule, () => (rule.check as (a: Action, c: RuleContext) => RawFinding[])(action, ctx)),
      )
    }
  }
  return out
}

/** What one daemon rule said about a daemon's posture; `error` when the rule threw. */
export interface DaemonRuleOutcome {
  rule: DaemonRule
  findings: RawFinding[]
  error?: string
}

/**
 * Runs the daemon posture rules (live-host scan; other rules are skipped). Paths in findings are
 * relative to the posture.
 *
 * @example runDaemonRules(daemonPosture({ liveRestore: false }), RULES, { settings })
 */
export function runDaemonRules(
  posture: DaemonPosture,
  rules: readonly Rule[],
  ctx: RuleContext,
): DaemonRuleOutcome[] {
  return rules.filter(isDaemonRule).map((rule) => {
    try {
      return { rule, findings: rule.check(posture, ctx) }
    } catch (err) {
      return { rule, findings: [], error: `rule ${rule.id} ${rule.slug} failed: ${errorMessage(err)}` }
    }
  })
}

/**
 * Runs the Dockerfile rules over one Dockerfile model (other rules are skipped). Paths in findings
 * are relative to the model (`['instructions', 7]`); `locateInstruction` turns them into locations.
 *
 * @example runDockerfileRules(dockerfileModel('Dockerfile', text).model, RULES, { settings })
 */
export function runDockerfileRules(
  model: DockerfileModel,
  rules: readonly Rule[],
  ctx: RuleContext,
): RuleOutcome[] {
  return rules.filter(isDockerfileRule).map((rule) => safeCheck(rule, () => rule.check(model, ctx)))
}

/**
 * The decision's lean loop: calls `visit` for each finding of every applicable rule (container rules
 * over the carried spec, paths prefixed; action rules for the kind) and returns the errors of rules
 * that threw. Dockerfile and daemon rules are never run. Allocates nothing for rules that find nothing.
 *
 * @example const errors = visitFindings(action, rules, ctx, (rule, f) => out.push([rule, f]))
 */
export function visitFindings(
  action: Action,
  rules: readonly Rule[],
  ctx: RuleContext,
  visit: (rule: Rule, finding: RawFinding) => void,
): string[] {
  const errors: string[] = []
  const carried = actionSpec(action)
  for (const rule of rules) {
    let found: RawFinding[]
    try {
      if (isContainerRule(rule)) {
        if (!carried) continue
        found = rule.check(carried.spec, ctx)
        if (found.length === 0) continue
        found = found.map((f) => ({ ...f, path: [...carried.at, ...f.path] }))
      } else if (isActionRule(rule) && (rule.appliesTo as readonly string[]).includes(action.kind)) {
        found = (rule.check as (a: Action, c: RuleContext) => RawFinding[])(action, ctx)
      } else {
        continue
      }
    } catch (err) {
      errors.push(`rule ${rule.id} ${rule.slug} failed: ${errorMessage(err)}`)
      continue
    }
    for (const f of found) visit(rule, f)
  }
  return errors
}
