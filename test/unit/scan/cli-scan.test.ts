import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { ScanReport } from '../../../src/report/scan-report.js'
import { tempDir } from '../../helpers/temp-dir.js'

const MAIN = fileURLToPath(new URL('../../../src/cli/main.js', import.meta.url))

function airlock(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'], ...env },
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('airlock scan (command line)', () => {
  const work = tempDir('cli-scan')
  const dir = work.path
  before(() => {
    writeFileSync(join(dir, 'deploy.sh'), '#!/bin/sh\ndocker run -d --name web --privileged nginx:1.27\n')
    writeFileSync(join(dir, 'ok.sh'), '#!/bin/sh\ndocker run --rm --user 1000 --read-only alpine:3.20 true\n')
    writeFileSync(join(dir, 'warn.yaml'), 'profile: baseline\nrules:\n  no-privileged: warn\n')
    writeFileSync(join(dir, 'bad-policy.yaml'), 'profile: baseline\nrules:\n  no-privilegd: warn\n')
  })
  after(() => work.remove())

  it('exits 1 with enforce-mode findings and prints the table', () => {
    const r = airlock(['scan', '.'], dir)
    assert.equal(r.code, 1, r.stderr)
    assert.match(r.stdout, /^deploy\.sh\n/)
    assert.match(
      r.stdout,
      /\n {2}2:\d+ +fail +critical +AL-0001 no-privileged +docker run \(deploy\.sh:2\): privileged is true\n/,
    )
    assert.match(r.stdout, /\nFAILED 1 fail/)
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colour when stdout is not a TTY')
    assert.equal(r.stderr, '', 'no progress bar off a TTY')
  })

  it('exits 0 when nothing fails, even with warnings', () => {
    const r = airlock(['scan', 'ok.sh'], dir)
    assert.equal(r.code, 0, r.stdout + r.stderr)
    assert.match(r.stdout, /^PASSED 0 fail, \d+ warn/m)
  })

  it('applies --fail-on to warnings too', () => {
    assert.equal(airlock(['scan', 'ok.sh', '--fail-on', 'medium'], dir).code, 1)
    assert.equal(airlock(['scan', 'ok.sh', '--fail-on', 'critical'], dir).code, 0)
  })

  it('applies a policy file: a rule in warn mode no longer fails', () => {
    const r = airlock(['scan', 'deploy.sh', '--policy', 'warn.yaml', '--format', 'json'], dir)
    assert.equal(r.code, 0, r.stderr)
    const report = ScanReport.parse(JSON.parse(r.stdout))
    assert.equal(report.policy, 'warn.yaml')
    assert.equal(report.findings.find((f) => f.ruleId === 'AL-0001')?.result, 'warn')
  })

  it('writes --output and says so on stderr', () => {
    const r = airlock(['scan', '.', '--format', 'sarif', '--output', 'out.sarif'], dir)
    assert.equal(r.code, 1)
    assert.equal(r.stdout, '')
    assert.match(r.stderr, /failed: 1 fail, .* sarif report written to out\.sarif/)
    assert.equal(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).version, '2.1.0')
  })

  it('exits 2 for bad input and usage', () => {
    const cases: [string[], RegExp][] = [
      [['scan', 'missing-dir'], /cannot read missing-dir/],
      [['scan', '.', '--format', 'xml'], /argument 'xml' is invalid/],
      [['scan', '.', '--fail-on', 'info'], /invalid/],
      [
        ['scan', '.', '--policy', 'bad-policy.yaml'],
        /unknown rule "no-privilegd" \(did you mean "no-privileged"\?\)/,
      ],
      [['scan', '.', '--policy', 'warn.yaml', '--profile', 'restricted'], /use one of them/],
      [['scan', '--docker', 'deploy'], /not a daemon address/],
      [['scan', '.', '--output', 'no/such/dir/out.json'], /cannot write no\/such\/dir\/out\.json/],
      [
        ['scan', '--docker', 'unix:///nonexistent/docker.sock'],
        /cannot reach the Docker daemon at unix:\/\/\/nonexistent\/docker\.sock/,
      ],
    ]
    for (const [args, message] of cases) {
      const r = airlock(args, dir)
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`)
      assert.match(r.stderr, message, args.join(' '))
    }
  })
})
