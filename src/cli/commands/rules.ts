import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Option } from '@commander-js/extra-typings'
import Table from 'cli-table3'
import pc from 'picocolors'
import { errorMessage, InputError } from '../../errors.js'
import type { Profile } from '../../policy/policy.js'
import { profileMode } from '../../policy/profiles.js'
import type { FrameworkRefs, Rule } from '../../policy/rule.js'
import { renderRuleDocs, renderRuleMarkdown } from '../../policy/rule-docs.js'
import { RULES } from '../../policy/rules/index.js'
import { CliExit, EXIT } from '../exit.js'
import type { RegisterCommand } from './index.js'

/** One rule as `airlock rules list --format json` prints it. */
export interface RuleListEntry {
  id: string
  slug: string
  title: string
  severity: string
  level: string
  frameworks: FrameworkRefs
  /** Present with `--profile`: what that built-in profile does with the rule. */
  mode?: string
}

function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env['NO_COLOR']
}

/** The rules as list entries, with the mode each has under `profile` when one is given. */
export function ruleListEntries(rules: readonly Rule[], profile?: Profile): RuleListEntry[] {
  return rules.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    severity: r.severity,
    level: r.level,
    frameworks: r.frameworks,
    ...(profile && { mode: profileMode(r, profile) }),
  }))
}

function renderTable(entries: RuleListEntry[], color: boolean): string {
  const withMode = entries.some((e) => e.mode !== undefined)
  const head = ['ID', 'SLUG', 'SEVERITY', 'LEVEL', ...(withMode ? ['MODE'] : []), 'TITLE']
  const plain = {
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: '  ',
    },
  }
  const table = new Table({
    head,
    ...(color ? {} : plain),
    style: {
      head: color ? ['bold'] : [],
      border: [],
      'padding-left': color ? 1 : 0,
      'padding-right': color ? 1 : 0,
    },
  })
  for (const e of entries) {
    table.push([e.id, e.slug, e.severity, e.level, ...(withMode ? [e.mode ?? ''] : []), e.title])
  }
  return color
    ? table.toString()
    : table
        .toString()
        .split('\n')
        .map((l) => l.trimEnd())
        .join('\n')
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      cur.push(
        Math.min(
          (prev[j] ?? 0) + 1,
          (cur[j - 1] ?? 0) + 1,
          (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
        ),
      )
    }
    prev = cur
  }
  return prev[b.length] ?? 0
}

/** Finds a rule by id (any case), slug or alias. */
export function findRule(rules: readonly Rule[], query: string): Rule | undefined {
  const q = query.trim().toLowerCase()
  return rules.find(
    (r) => r.id.toLowerCase() === q || r.slug === q || r.aliases?.some((a) => a.toLowerCase() === q),
  )
}

/** Rules whose id or slug is close to what was typed, best first. */
export function closeMatches(rules: readonly Rule[], query: string, max = 5): Rule[] {
  const q = query.trim().toLowerCase()
  const scored = rules.map((r) => {
    const slug = r.slug
    const contains = q.length >= 3 && (slug.includes(q) || r.title.toLowerCase().includes(q)) ? 0 : 99
    const distance = Math.min(levenshtein(q, slug), levenshtein(q, r.id.toLowerCase()), contains)
    return { r, distance }
  })
  return scored
    .filter((s) => s.distance <= Math.max(2, Math.floor(q.length / 3)))
    .sort((a, b) => a.distance - b.distance || a.r.id.localeCompare(b.r.id))
    .slice(0, max)
    .map((s) => s.r)
}

/**
 * Markdown for a terminal: headings bold, code and inline code highlighted, table pipes kept. Plain
 * text (the Markdown itself) when colour is off.
 */
export function renderMarkdownForTerminal(md: string, color: boolean): string {
  if (!color) return md
  let inCode = false
  return md
    .split('\n')
    .flatMap((line) => {
      if (line.startsWith('```')) {
        inCode = !inCode
        return []
      }
      if (inCode) return [pc.dim(`  ${line}`)]
      if (line.startsWith('#')) return [pc.bold(pc.underline(line.replace(/^#+\s*/, '')))]
      if (line === '|---|---|') return []
      return [
        line
          .replace(/\*\*([^*]+)\*\*/g, (_, t: string) => pc.bold(t))
          .replace(/`([^`]+)`/g, (_, t: string) => pc.cyan(t)),
      ]
    })
    .join('\n')
}

/** Writes every rule page and the index into `dir`, removing pages of rules that no longer exist. */
export function writeRuleDocs(dir: string, rules: readonly Rule[] = RULES): number {
  const files = renderRuleDocs(rules)
  try {
    mkdirSync(dir, { recursive: true })
    for (const name of readdirSync(dir)) {
      if (/^AL-\d{4}-.*\.md$/.test(name) && !files.has(name)) rmSync(join(dir, name))
    }
    for (const [name, content] of files) writeFileSync(join(dir, name), content)
  } catch (err) {
    throw new InputError(`cannot write rule docs to ${dir}: ${errorMessage(err)}`)
  }
  return files.size
}

export const registerRules: RegisterCommand = (program) => {
  const rules = program.command('rules').description('List, explain and document the rule catalogue.')

  rules
    .command('list')
    .description('List every rule with its severity and level.')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['table', 'json'] as const)
        .default('table' as const),
    )
    .addOption(
      new Option('--profile <profile>', 'show what a built-in profile does with each rule').choices([
        'baseline',
        'restricted',
      ] as const),
    )
    .action((opts) => {
      const entries = ruleListEntries(RULES, opts.profile)
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`)
      else process.stdout.write(`${renderTable(entries, useColor())}\n`)
    })

  rules
    .command('explain')
    .description('Explain one rule: why it matters, how to fix it, examples.')
    .argument('<rule>', 'rule id (AL-0001) or slug (no-privileged)')
    .action((query) => {
      const rule = findRule(RULES, query)
      if (!rule) {
        const close = closeMatches(RULES, query)
        const hint = close.length
          ? ` Did you mean: ${close.map((r) => `${r.id} ${r.slug}`).join(', ')}?`
          : ' Run "airlock rules list" to see every rule.'
        throw new CliExit(EXIT.usage, `airlock: unknown rule "${query}".${hint}`)
      }
      process.stdout.write(`${renderMarkdownForTerminal(renderRuleMarkdown(rule), useColor())}\n`)
    })

  rules
    .command('docs')
    .description('Generate the Markdown rule docs (one page per rule and an index).')
    .requiredOption('--out <dir>', 'directory to write, e.g. docs/rules')
    .action((opts) => {
      const n = writeRuleDocs(opts.out)
      process.stdout.write(`wrote ${n} files to ${opts.out}\n`)
    })
}
