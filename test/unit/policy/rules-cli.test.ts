import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { Command } from '@commander-js/extra-typings'
import {
  closeMatches,
  findRule,
  registerRules,
  renderMarkdownForTerminal,
  ruleListEntries,
  writeRuleDocs,
} from '../../../src/cli/commands/rules.js'
import { CliExit } from '../../../src/cli/exit.js'
import { RULES } from '../../../src/policy/rules/index.js'

function program(): Command {
  const p = new Command('airlock').exitOverride()
  registerRules(p)
  return p
}

async function capture(fn: () => Promise<unknown>): Promise<string> {
  const write = process.stdout.write.bind(process.stdout)
  let out = ''
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()
    return true
  }) as typeof process.stdout.write
  try {
    await fn()
  } finally {
    process.stdout.write = write
  }
  return out
}

describe('airlock rules', () => {
  it('finds rules by id in any case, slug and alias', () => {
    assert.equal(findRule(RULES, 'al-0001')?.slug, 'no-privileged')
    assert.equal(findRule(RULES, 'no-host-pid')?.id, 'AL-0003')
    assert.equal(findRule(RULES, 'nope'), undefined)
  })

  it('suggests close matches for typos', () => {
    assert.equal(closeMatches(RULES, 'no-privilegd')[0]?.id, 'AL-0001')
    assert.equal(closeMatches(RULES, 'AL-001')[0]?.id.startsWith('AL-00'), true)
    assert.ok(closeMatches(RULES, 'socket').some((r) => r.id === 'AL-0011'))
    assert.deepEqual(closeMatches(RULES, 'zzzzzzzzzzzzzzzz'), [])
  })

  it('lists rules as JSON with frameworks, and the mode under a profile', async () => {
    const out = await capture(() =>
      program().parseAsync(['rules', 'list', '--format', 'json', '--profile', 'baseline'], { from: 'user' }),
    )
    const entries = JSON.parse(out) as ReturnType<typeof ruleListEntries>
    assert.equal(entries.length, RULES.length)
    const first = entries[0]
    assert.deepEqual(Object.keys(first ?? {}), [
      'id',
      'slug',
      'title',
      'severity',
      'level',
      'frameworks',
      'mode',
    ])
    assert.equal(entries.find((e) => e.level === 'restricted')?.mode, 'warn')
    assert.equal(entries.find((e) => e.level === 'optional')?.mode, 'off')
    assert.equal(ruleListEntries(RULES)[0]?.mode, undefined)
  })

  it('prints a plain table when stdout is not a terminal', async () => {
    const out = await capture(() => program().parseAsync(['rules', 'list'], { from: 'user' }))
    const lines = out.trimEnd().split('\n')
    assert.match(lines[0] ?? '', /^ID\s+SLUG\s+SEVERITY\s+LEVEL\s+TITLE$/)
    assert.equal(lines.length, RULES.length + 1)
    assert.ok(!/[│─┌]/.test(out))
  })

  it('explains a rule and rejects an unknown one with exit 2 and suggestions', async () => {
    const out = await capture(() =>
      program().parseAsync(['rules', 'explain', 'no-privileged'], { from: 'user' }),
    )
    assert.match(out, /^# AL-0001 no-privileged/)
    await assert.rejects(
      () => program().parseAsync(['rules', 'explain', 'no-privilegd'], { from: 'user' }),
      (err: unknown) => err instanceof CliExit && err.code === 2 && /AL-0001 no-privileged/.test(err.message),
    )
  })

  it('lists and explains daemon rules, saying they apply to the daemon posture', async () => {
    const list = await capture(() => program().parseAsync(['rules', 'list'], { from: 'user' }))
    assert.match(list, /^AL-0204\s+daemon-tcp-tls\s+critical\s+baseline\s+/m)
    assert.equal(findRule(RULES, 'daemon-tcp-tls')?.id, 'AL-0204')
    const out = await capture(() => program().parseAsync(['rules', 'explain', 'al-0204'], { from: 'user' }))
    assert.match(out, /^# AL-0204 daemon-tcp-tls/)
    assert.match(out, /Applies to \| the daemon's posture \(live-host scans\)/)
  })

  it('renders Markdown for a terminal with colour, or leaves it as is', () => {
    const md = '# Title\n\n**bold** and `code`\n\n```json\n{}\n```'
    assert.equal(renderMarkdownForTerminal(md, false), md)
    const coloured = renderMarkdownForTerminal(md, true)
    assert.ok(!coloured.includes('```'))
    assert.ok(coloured.includes('Title'))
  })

  it('writes the docs and removes pages of rules that no longer exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-docs-'))
    try {
      writeFileSync(join(dir, 'AL-9999-gone.md'), 'stale')
      writeFileSync(join(dir, 'notes.txt'), 'kept')
      assert.equal(writeRuleDocs(dir), RULES.length + 1)
      const files = readdirSync(dir)
      assert.ok(!files.includes('AL-9999-gone.md'))
      assert.ok(files.includes('notes.txt'))
      assert.match(readFileSync(join(dir, 'README.md'), 'utf8'), /^# Airlock rules/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
