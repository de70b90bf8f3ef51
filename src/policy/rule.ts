import type { ActionInput, ActionKind, ActionOf } from '../model/action.js'
import type { ContainerSpec, ContainerSpecInput } from '../model/container-spec.js'
import type { RawFinding, Severity } from '../model/finding.js'
import type { RuleSettings } from './settings.js'

/** Compliance frameworks a rule maps to, by control number or name. */
export interface FrameworkRefs {
  /** CIS Docker Benchmark 1.6 recommendations, e.g. `5.5`. */
  'cis-docker-1.6'?: string[]
  /** Pod Security Standards controls, e.g. `baseline/privileged`, `restricted/capabilities`. */
  pss?: string[]
}

/**
 * Where a rule is enforced by default: `baseline` (enforced by both profiles), `restricted`
 * (enforced by restricted, a warning under baseline), or `optional` (off unless a policy turns it on).
 */
export type RuleLevel = 'baseline' | 'restricted' | 'optional'

/** What a rule's check gets besides its subject. */
export interface RuleContext {
  settings: RuleSettings
}

interface RuleMeta {
  /** Stable id, never reused: `AL-0001`. */
  id: string
  /** File name and human handle: `no-privileged`. */
  slug: string
  title: string
  severity: Severity
  level: RuleLevel
  description: string
  remediation: string
  frameworks: FrameworkRefs
  /** Old ids or slugs that still name this rule. */
  aliases?: string[]
}

export interface ContainerRule extends RuleMeta {
  appliesTo: 'container'
  check: (spec: ContainerSpec, ctx: RuleContext) => RawFinding[]
  fixtures: { pass: ContainerSpecInput[]; fail: ContainerSpecInput[] }
}

export interface ActionRule<K extends ActionKind = ActionKind> extends RuleMeta {
  appliesTo: readonly K[]
  check: (action: ActionOf<K>, ctx: RuleContext) => RawFinding[]
  fixtures: { pass: ActionInput[]; fail: ActionInput[] }
}

export type Rule = ContainerRule | ActionRule<ActionKind>

/**
 * Declares a rule. One file per rule under `policy/rules/`, one line in `policy/rules/index.ts`.
 *
 * @example
 * export default defineRule({
 *   id: 'AL-0001', slug: 'no-privileged', appliesTo: 'container', ...,
 *   check: (spec) => spec.privileged ? [{ message: 'privileged is true', path: ['privileged'] }] : [],
 *   fixtures: { pass: [{}], fail: [{ privileged: true }] },
 * })
 */
export function defineRule(rule: ContainerRule): ContainerRule
export function defineRule<K extends ActionKind>(rule: ActionRule<K>): ActionRule<ActionKind>
export function defineRule(rule: Rule): Rule {
  return rule
}

export function isContainerRule(rule: Rule): rule is ContainerRule {
  return rule.appliesTo === 'container'
}
