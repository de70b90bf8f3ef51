import type { ActionInput, ActionKind, ActionOf } from '../model/action.js'
import type { ContainerSpec, ContainerSpecInput } from '../model/container-spec.js'
import type { DaemonPosture, DaemonPostureInput } from '../model/daemon-posture.js'
import type { DockerfileModel } from '../model/dockerfile.js'
import type { RawFinding, Severity } from '../model/finding.js'
import type { RuleSettings } from './settings.js'

/** Compliance frameworks a rule maps to, by control number or name. */
export interface FrameworkRefs {
  /** CIS Docker Benchmark 1.6 recommendations, e.g. `5.5`. */
  'cis-docker-1.6'?: string[]
  /** Pod Security Standards controls, e.g. `baseline/privileged`, `restricted/capabilities`. */
  pss?: string[]
  /** CIS Docker Benchmark 1.6 section 4 (images and build files), e.g. `4.1`. */
  'cis-docker-1.6-section-4'?: string[]
  /** CIS Docker Benchmark 1.6 sections 2 and 3 (daemon configuration and its files), e.g. `2.7`, `3.15`. */
  'cis-docker-1.6-daemon'?: string[]
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

/** What every rule declares besides its subject, check and fixtures. */
export interface RuleMeta {
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

/**
 * A rule over a Dockerfile (the scanner's build-file checks). Findings' paths point into the model,
 * usually at an instruction (`['instructions', 7]`); fixtures are Dockerfile texts.
 */
export interface DockerfileRule extends RuleMeta {
  appliesTo: 'dockerfile'
  check: (model: DockerfileModel, ctx: RuleContext) => RawFinding[]
  fixtures: { pass: string[]; fail: string[] }
}

/**
 * A rule over the daemon's own posture (CIS Docker Benchmark sections 2 and 3), evaluated by the
 * live-host scan only: no request carries a daemon configuration, so `decide()` and the request
 * runners skip these rules. They live in `RULES` like every other rule (policy files, docs, the rules
 * CLI see them); `DAEMON_RULES` is the typed view the scanner runs.
 */
export interface DaemonRule extends RuleMeta {
  appliesTo: 'daemon'
  check: (posture: DaemonPosture, ctx: RuleContext) => RawFinding[]
  fixtures: { pass: DaemonPostureInput[]; fail: DaemonPostureInput[] }
}

/** Every rule of the catalogue: over container specs, actions, Dockerfiles or the daemon's posture. */
export type Rule = ContainerRule | ActionRule<ActionKind> | DockerfileRule | DaemonRule

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
export function defineRule(rule: DockerfileRule): DockerfileRule
export function defineRule(rule: DaemonRule): DaemonRule
export function defineRule<K extends ActionKind>(rule: ActionRule<K>): ActionRule<ActionKind>
export function defineRule(rule: Rule): Rule {
  return rule
}

export function isContainerRule(rule: Rule): rule is ContainerRule {
  return rule.appliesTo === 'container'
}

export function isDockerfileRule(rule: Rule): rule is DockerfileRule {
  return rule.appliesTo === 'dockerfile'
}

/** Rules over actions: neither container, Dockerfile nor daemon rules. */
export function isActionRule(rule: Rule): rule is ActionRule<ActionKind> {
  return Array.isArray(rule.appliesTo)
}

/**
 * Declares a daemon posture rule: one file `policy/rules/daemon-<slug>.ts`, one line in `RULES`.
 *
 * @example
 * export default defineDaemonRule({
 *   id: 'AL-0203', slug: 'daemon-live-restore', appliesTo: 'daemon', ...,
 *   check: (p) => (p.liveRestore ? [] : [{ message: 'live restore is disabled', path: ['liveRestore'] }]),
 *   fixtures: { pass: [{ liveRestore: true }], fail: [{}] },
 * })
 */
export function defineDaemonRule(rule: DaemonRule): DaemonRule {
  return rule
}

/**
 * Rules over the daemon's posture, run only by the live-host scan.
 *
 * @example RULES.filter(isDaemonRule).map((r) => r.id)[0] // 'AL-0200'
 */
export function isDaemonRule(rule: Rule): rule is DaemonRule {
  return rule.appliesTo === 'daemon'
}
