import { dockerfileModel } from '../adapters/dockerfile/dockerfile-model.js'
import { Action } from '../model/action.js'
import { ContainerSpec } from '../model/container-spec.js'
import { type DaemonPostureInput, daemonPosture } from '../model/daemon-posture.js'
import { controlRules, FRAMEWORKS, type Framework } from './frameworks/index.js'
import { isContainerRule, isDaemonRule, isDockerfileRule, type Rule, type RuleLevel } from './rule.js'
import { DEFAULT_SETTINGS } from './settings.js'

const LEVEL_TEXT: Record<RuleLevel, string> = {
  baseline: 'baseline: enforced by the baseline and restricted profiles',
  restricted: 'restricted: a warning under baseline, enforced by restricted',
  optional: 'optional: off unless a policy turns it on',
}

/**
 * The docs file name of a rule.
 *
 * @example ruleDocFileName(noPrivileged) // 'AL-0001-no-privileged.md'
 */
export function ruleDocFileName(rule: Rule): string {
  return `${rule.id}-${rule.slug}.md`
}

/**
 * What a rule judges, in words (docs pages, `airlock rules explain`).
 *
 * @example ruleAppliesToText(daemonTcpTls) // "the daemon's posture (live-host scans)"
 */
export function ruleAppliesToText(rule: Rule): string {
  if (isDockerfileRule(rule)) return 'Dockerfiles (scans)'
  if (isDaemonRule(rule)) return "the daemon's posture (live-host scans)"
  return isContainerRule(rule)
    ? 'container specs (container create, service create and update, start with a HostConfig, scans)'
    : `actions: ${rule.appliesTo.map((k) => `\`${k}\``).join(', ')}`
}

function exampleFindings(rule: Rule, fixture: unknown): string[] {
  const ctx = { settings: DEFAULT_SETTINGS }
  const raw = isDockerfileRule(rule)
    ? rule.check(dockerfileModel('Dockerfile', String(fixture)).model, ctx)
    : isContainerRule(rule)
      ? rule.check(ContainerSpec.parse(fixture), ctx)
      : isDaemonRule(rule)
        ? rule.check(daemonPosture(fixture as DaemonPostureInput), ctx)
        : (rule.check as (a: Action, c: typeof ctx) => ReturnType<typeof rule.check>)(
            Action.parse(fixture),
            ctx,
          )
  return raw.map((f) => `- \`${f.path.join('.')}\`: ${f.message}`)
}

function passingExample(rule: Rule): unknown {
  if (isDockerfileRule(rule)) return rule.fixtures.pass[0]
  const nonEmpty = rule.fixtures.pass.find((fx) => Object.keys(fx as object).length > 0)
  return nonEmpty ?? rule.fixtures.pass[0]
}

/** A fixture as the docs show it: Dockerfile text, or JSON (a spec, an action, a daemon posture). */
function example(rule: Rule, fixture: unknown): string {
  if (isDockerfileRule(rule)) return ['```dockerfile', String(fixture).trimEnd(), '```'].join('\n')
  if (isDaemonRule(rule)) return [json(fixture), ...octalModes(fixture)].join('\n\n')
  return json(fixture)
}

/** JSON has no octal: a posture example's file modes, as `ls` and the CIS text spell them. */
function octalModes(fixture: unknown): string[] {
  const files = (fixture as { files?: { path: string; mode: number }[] }).files ?? []
  if (files.length === 0) return []
  const modes = files.map((f) => `\`${f.path}\` ${f.mode} = 0${f.mode.toString(8)}`)
  return [`File modes are decimal in JSON: ${modes.join(', ')}.`]
}

const POSTURE_NOTE =
  "Examples are the daemon's posture as `airlock scan --docker` observes it (`DaemonPosture`); a field left out was not observed, or has its default."

function frameworkLines(rule: Rule): string[] {
  const lines: string[] = []
  for (const fw of FRAMEWORKS) {
    for (const id of rule.frameworks[fw.key] ?? []) {
      const control = fw.controls.find((c) => c.id === id)
      lines.push(`- ${fw.name}: **${id}** ${control ? control.title : ''}`.trimEnd())
    }
  }
  return lines.length ? lines : ['- none (an Airlock rule without a CIS or PSS counterpart)']
}

function json(value: unknown): string {
  return ['```json', JSON.stringify(value, null, 2), '```'].join('\n')
}

/**
 * The documentation page of one rule, as Markdown: metadata, why it matters, how to fix it, the
 * framework controls it implements, and a failing and a passing example taken from its fixtures.
 *
 * @example renderRuleMarkdown(RULES[0]).split('\n')[0] // '# AL-0001 no-privileged'
 */
export function renderRuleMarkdown(rule: Rule): string {
  const fail = rule.fixtures.fail[0]
  const lines = [
    `# ${rule.id} ${rule.slug}`,
    '',
    `**${rule.title}**`,
    '',
    '| | |',
    '|---|---|',
    `| ID | ${rule.id} |`,
    `| Slug | \`${rule.slug}\` |`,
    `| Severity | ${rule.severity} |`,
    `| Level | ${LEVEL_TEXT[rule.level]} |`,
    `| Applies to | ${ruleAppliesToText(rule)} |`,
    ...(rule.aliases?.length ? [`| Aliases | ${rule.aliases.join(', ')} |`] : []),
    '',
    '## Why it matters',
    '',
    rule.description,
    '',
    '## How to fix',
    '',
    rule.remediation,
    '',
    '## Frameworks',
    '',
    ...frameworkLines(rule),
    '',
    '## Examples',
    '',
    ...(isDaemonRule(rule) ? [POSTURE_NOTE, ''] : []),
    'Fails:',
    '',
    example(rule, fail),
    '',
    ...exampleFindings(rule, fail),
    '',
    'Passes:',
    '',
    example(rule, passingExample(rule)),
    '',
  ]
  return lines.join('\n')
}

function cell(s: string): string {
  return s.replaceAll('|', '\\|')
}

function link(rule: Rule): string {
  return `[${rule.id} ${rule.slug}](${ruleDocFileName(rule)})`
}

function frameworkSection(fw: Framework, rules: readonly Rule[]): string[] {
  const byId = new Map(rules.map((r) => [r.id, r]))
  const lines = [`## ${fw.name}`, '', '| Control | Title | Covered by |', '|---|---|---|']
  for (const c of fw.controls) {
    const ids = controlRules(c)
    const covered =
      ids.length > 0
        ? ids.map((id) => (byId.has(id) ? link(byId.get(id) as Rule) : id)).join(', ') +
          ('note' in c && c.note ? ` (${c.note})` : '')
        : 'dockerEquivalent' in c
          ? `no Docker equivalent: ${c.reason}`
          : 'automated' in c
            ? `not automated: ${c.reason}`
            : ''
    lines.push(`| ${c.id} | ${cell(c.title)} | ${cell(covered)} |`)
  }
  return [...lines, '']
}

/**
 * The index of the catalogue as Markdown: every rule with severity and level, then each framework's
 * controls and the rules that cover them.
 *
 * @example renderRulesIndex(RULES).startsWith('# Airlock rules') // true
 */
export function renderRulesIndex(rules: readonly Rule[]): string {
  const lines = [
    '# Airlock rules',
    '',
    'Generated by `airlock rules docs --out docs/rules` from the rule metadata; do not edit by hand.',
    '',
    'Levels: **baseline** rules are enforced by the default policy and stop paths to root on the host;',
    '**restricted** rules are warnings under baseline and enforced by the restricted profile;',
    '**optional** rules are off unless a policy turns them on.',
    '',
    '| ID | Rule | Title | Severity | Level |',
    '|---|---|---|---|---|',
    ...rules.map(
      (r) =>
        `| ${r.id} | [${r.slug}](${ruleDocFileName(r)}) | ${cell(r.title)} | ${r.severity} | ${r.level} |`,
    ),
    '',
    ...FRAMEWORKS.flatMap((fw) => frameworkSection(fw, rules)),
  ]
  return lines.join('\n')
}

/**
 * Every generated docs file, by file name: one page per rule plus `README.md`. The CLI writes these;
 * a test compares them with the committed `docs/rules`.
 *
 * @example [...renderRuleDocs(RULES).keys()].at(-1) // 'README.md'
 */
export function renderRuleDocs(rules: readonly Rule[]): Map<string, string> {
  const files = new Map<string, string>()
  for (const r of rules) files.set(ruleDocFileName(r), renderRuleMarkdown(r))
  files.set('README.md', renderRulesIndex(rules))
  return files
}
