import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { tempDir } from '../../helpers/temp-dir.js'

const MAIN = fileURLToPath(new URL('../../../src/cli/main.js', import.meta.url))
const FIXTURE = fileURLToPath(new URL('../../../../test/fixtures/scan/fix', import.meta.url))

function airlock(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] },
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('airlock fix (command line)', () => {
  const work = tempDir('cli-fix')
  const viaDiff = join(work.path, 'diff')
  const viaWrite = join(work.path, 'write')
  before(() => {
    mkdirSync(viaDiff)
    mkdirSync(viaWrite)
    cpSync(FIXTURE, viaDiff, { recursive: true })
    cpSync(FIXTURE, viaWrite, { recursive: true })
  })
  after(() => work.remove())

  it('prints a unified diff without --write, changes nothing, and exits 1', () => {
    const before = readFileSync(join(viaDiff, 'compose', 'compose.yaml'), 'utf8')
    const r = airlock(['fix', '.', '--profile', 'restricted'], viaDiff)
    assert.equal(r.code, 1, r.stderr)
    assert.match(r.stdout, /^--- a\/compose\/compose\.yaml\n\+\+\+ b\/compose\/compose\.yaml\n@@ /)
    assert.match(r.stderr, /^would fix \d+ findings in 2 files:/)
    assert.match(r.stderr, /\nnot fixed \(\d+\):\n/)
    assert.match(r.stderr, /service db {2}AL-0001 no-privileged: privileged is true — removing privileged/)
    assert.equal(readFileSync(join(viaDiff, 'compose', 'compose.yaml'), 'utf8'), before)
  })

  it('writes with --write the same files the diff describes, then has nothing left to do', () => {
    const w = airlock(['fix', '.', '--profile', 'restricted', '--write'], viaWrite)
    assert.equal(w.code, 0, w.stderr)
    assert.match(w.stdout, /^fixed \d+ findings in 2 files:/)
    const again = airlock(['fix', '.', '--profile', 'restricted'], viaWrite)
    assert.equal(again.code, 0, again.stderr)
    assert.equal(again.stdout, '')
    assert.match(again.stderr, /^nothing to fix automatically\n/)
    const scanned = airlock(['scan', '.', '--profile', 'restricted', '--format', 'json'], viaWrite)
    const rules = (JSON.parse(scanned.stdout) as { findings: { ruleId: string; workload?: string }[] })
      .findings
    assert.equal(
      rules.some((f) => f.ruleId === 'AL-0023' && f.workload === 'service web'),
      false,
    )

    // patch(1) is a test dependency (scripts/install-test-deps.sh): the diff must apply with it.
    const diff = airlock(['fix', '.', '--profile', 'restricted'], viaDiff).stdout
    const p = spawnSync('patch', ['-p1', '--quiet'], { cwd: viaDiff, input: diff, encoding: 'utf8' })
    assert.equal(p.status, 0, p.stderr + p.stdout)
    for (const f of ['compose/compose.yaml', 'k8s/apps.yaml']) {
      assert.equal(readFileSync(join(viaDiff, f), 'utf8'), readFileSync(join(viaWrite, f), 'utf8'), f)
    }
  })

  it('exits 2 for bad input', () => {
    assert.equal(airlock(['fix'], viaDiff).code, 2)
    const missing = airlock(['fix', 'nope'], viaDiff)
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /cannot read nope/)
    assert.equal(airlock(['fix', '.', '--profile', 'strict'], viaDiff).code, 2)
  })
})
