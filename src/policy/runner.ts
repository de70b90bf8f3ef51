import { errorMessage } from '../errors.js'
import type { Action } from '../model/action.js'
import type { ContainerSpec } from '../model/container-spec.js'
import type { RawFinding } from '../model/finding.js'
import { isContainerRule, type Rule, type RuleContext } from './rule.js'

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
 * prefixed with where the spec sits), action rules whose `appliesTo` lists the kind.
 */
export function runRules(action: Action, rules: readonly Rule[], ctx: RuleContext): RuleOutcome[] {
  const out: RuleOutcome[] = []
  const carried = actionSpec(action)
  for (const rule of rules) {
    if (isContainerRule(rule)) {
      if (!carried) continue
      const o = safeCheck(rule, () => rule.check(carried.spec, ctx))
      out.push({ ...o, findings: o.findings.map((f) => ({ ...f, path: [...carried.at, ...f.path] })) })
    } else if ((rule.appliesTo as readonly string[]).includes(action.kind)) {
      out.push(
        safeCheck(rule, () => (rule.check as (a: Action, c: RuleContext) => RawFinding[])(action, ctx)),
      )
    }
  }
  return out
}
