import assert from 'node:assert/strict'
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { type FixResult, fixFiles } from '../../../src/fix/fix-files.js'
import { findingKey } from '../../../src/fix/plan-fixes.js'
import { unifiedDiff } from '../../../src/fix/unified-diff.js'
import { parsePolicy } from '../../../src/policy/load-policy.js'
import { defaultScanAdapters } from '../../../src/scan/default-adapters.js'
import { scan } from '../../../src/scan/scan.js'
import { scanPolicy } from '../../../src/scan/scan-policy.js'
import { tempDir } from '../../helpers/temp-dir.js'

const here = (rel: string) => fileURLToPath(new URL(`../../../../${rel}`, import.meta.url))
const FIXTURE = here('test/fixtures/scan/fix')
const UPDATE = process.env['AIRLOCK_UPDATE_GOLDEN'] === '1'
const adapters = defaultScanAdapters()
const restricted = scanPolicy({ profile: 'restricted' })

function golden(rel: string, actual: string): void {
  const path = here(rel)
  if (UPDATE) {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, actual)
  }
  assert.equal(
    actual,
    readFileSync(path, 'utf8'),
    `${rel} differs; run with AIRLOCK_UPDATE_GOLDEN=1 and review the diff`,
  )
}

function removedLines(r: FixResult): string[] {
  return r.changes.flatMap((c) =>
    unifiedDiff(c.file, c.before, c.after)
      .split('\n')
      .filter((l) => l.startsWith('-') && !l.startsWith('---'))
      .map((l) => `${c.file}: ${l.slice(1).trim()}`),
  )
}

describe('airlock fix (restricted) on compose files and Kubernetes manifests', () => {
  const work = tempDir('fix')
  let first: FixResult
  before(async () => {
    cpSync(FIXTURE, work.path, { recursive: true })
    first = await fixFiles({ paths: ['.'], cwd: work.path, policy: restricted, adapters, env: {} })
  })
  after(() => work.remove())

  it('rewrites the files as the golden files show', () => {
    assert.deepEqual(
      first.changes.map((c) => c.file),
      ['compose/compose.yaml', 'k8s/apps.yaml'],
    )
    for (const c of first.changes) golden(`test/fixtures/scan/fix-golden/${c.file}`, c.after)
  })

  it('changes only the lines it fixes: comments, order, quoting and the rest stay as written', () => {
    assert.deepEqual(removedLines(first), [
      'compose/compose.yaml: cap_drop:',
      'compose/compose.yaml: - NET_RAW   # no raw sockets',
      'compose/compose.yaml: - seccomp:unconfined',
      'compose/compose.yaml: cap_add: [SYS_PTRACE]',
      'compose/compose.yaml: tmpfs: /run',
      'compose/compose.yaml: security_opt: ["no-new-privileges:false"]',
      'k8s/apps.yaml: add: ["NET_ADMIN"]',
      'k8s/apps.yaml: securityContext: {runAsUser: 0}',
      'k8s/apps.yaml: containers: [{name: shell, image: busybox:1.36, securityContext: {privileged: true}}]',
    ])
    for (const c of first.changes) {
      const comments = c.before.split('\n').filter((l) => l.includes('#') && !l.includes('NET_RAW'))
      for (const line of comments) assert.ok(c.after.includes(line), `${c.file} keeps "${line}"`)
    }
  })

  it('leaves what cannot be fixed safely, with the reason', () => {
    const reason = (workload: string, ruleId: string) =>
      first.notFixed.find((e) => e.workload === workload && e.ruleId === ruleId)?.reason ?? ''
    assert.match(reason('service db', 'AL-0001'), /removing privileged takes away every device/)
    assert.match(reason('service worker', 'AL-0025'), /user is set to "0" on purpose/)
    assert.match(reason('service worker', 'AL-0043'), /explicitly unlimited/)
    assert.match(reason('service worker', 'AL-0021'), /removing an added capability/)
    assert.match(reason('service web', 'AL-0025'), /image's user is not known/)
    assert.match(reason('Deployment/api container proxy', 'AL-0022'), /CAP_NET_ADMIN is added/)
    assert.match(
      reason('Pod/debug container shell', 'AL-0023'),
      /Kubernetes refuses allowPrivilegeEscalation: false on a privileged/,
    )
    assert.match(reason('Pod/debug container shell', 'AL-0003'), /host processes/)
    assert.equal(
      reason('CronJob/report container report', 'AL-0042'),
      '',
      "a pod's PIDs limit is the kubelet's podPidsLimit: not the manifest's to fix, so not reported",
    )
    assert.equal(
      first.fixed.some((e) => e.ruleId === 'AL-0001' || e.ruleId === 'AL-0003'),
      false,
    )
  })

  it('uses what it knows: the Dockerfile USER, the memory request, the policy defaults', () => {
    const change = (workload: string, ruleId: string) =>
      first.fixed.find((e) => e.workload === workload && e.ruleId === ruleId)?.change
    assert.equal(
      change('service api', 'AL-0025'),
      'user: "10001:10001" (the USER of the Dockerfile it builds)',
    )
    assert.equal(change('service api', 'AL-0040'), 'deploy.resources.limits.memory: 1g')
    assert.equal(
      change('Deployment/api container api', 'AL-0040'),
      'resources.limits.memory: 1Gi (its request)',
    )
    assert.equal(change('service web', 'AL-0042'), 'pids_limit: 4096')
    assert.equal(
      change('CronJob/report container report', 'AL-0024'),
      'readOnlyRootFilesystem: true',
      'it already mounts /tmp',
    )
  })

  describe('after writing the fixes', () => {
    before(() => {
      for (const c of first.changes) writeFileSync(c.path, c.after)
    })

    it('a scan no longer reports what was fixed', async () => {
      const report = await scan({ paths: ['.'], cwd: work.path, policy: restricted, adapters, env: {} })
      const left = new Set(report.findings.map((f) => `${f.workload}\0${findingKey(f)}`))
      for (const e of first.fixed) {
        const key = `${e.workload}\0${findingKey({ ruleId: e.ruleId, path: e.path } as Parameters<typeof findingKey>[0])}`
        assert.ok(!left.has(key), `${e.workload} ${e.ruleId} ${e.message} is still reported`)
      }
      assert.equal(report.findings.filter((f) => f.ruleId === 'scan/parse-error').length, 0)
    })

    it('a second fix changes nothing and still lists what it cannot fix', async () => {
      const second = await fixFiles({ paths: ['.'], cwd: work.path, policy: restricted, adapters, env: {} })
      assert.deepEqual(second.changes, [])
      assert.deepEqual(second.fixed, [])
      assert.deepEqual(
        second.notFixed.map((e) => `${e.workload} ${e.ruleId}`).sort(),
        first.notFixed.map((e) => `${e.workload} ${e.ruleId}`).sort(),
      )
    })
  })
})

describe('airlock fix follows the policy', () => {
  const work = tempDir('fix-policy')
  before(() => cpSync(FIXTURE, work.path, { recursive: true }))
  after(() => work.remove())

  it('fixes warnings under baseline too, and nothing a policy turns off or suppresses', async () => {
    const policy = parsePolicy('profile: baseline\nrules:\n  read-only-rootfs: off\n', 'p.yaml')
    const file = join(work.path, 'compose', 'compose.yaml')
    const text = readFileSync(file, 'utf8').replace(
      '  worker:\n',
      '  # airlock:ignore AL-0040,AL-0041 reason="sized by the scheduler"\n  worker:\n',
    )
    writeFileSync(file, text)
    const r = await fixFiles({ paths: ['compose'], cwd: work.path, policy, adapters, env: {} })
    const rules = new Set(r.fixed.map((e) => e.ruleId))
    assert.ok(
      rules.has('AL-0022') && rules.has('AL-0040'),
      'restricted-level warnings are fixed under baseline',
    )
    assert.equal(rules.has('AL-0024'), false, 'a rule turned off is not fixed')
    assert.equal(r.changes[0]?.after.includes('read_only'), false)
    const worker = r.fixed.filter((e) => e.workload === 'service worker').map((e) => e.ruleId)
    assert.equal(
      worker.includes('AL-0040') || worker.includes('AL-0041'),
      false,
      'suppressed findings are left alone',
    )
    assert.ok(worker.includes('AL-0022'))
  })

  it('does not touch files that only have findings it cannot fix', async () => {
    const r = await fixFiles({
      paths: ['k8s/apps.yaml'],
      cwd: work.path,
      policy: scanPolicy({ profile: 'baseline' }),
      adapters,
      env: {},
    })
    assert.ok(r.changes.length === 1)
    const strict = parsePolicy(
      [
        'profile: baseline',
        'rules:',
        ...['AL-0022', 'AL-0023', 'AL-0024', 'AL-0025', 'AL-0026', 'AL-0040', 'AL-0041', 'AL-0042'].map(
          (id) => `  ${id}: off`,
        ),
      ].join('\n'),
      'p.yaml',
    )
    const none = await fixFiles({
      paths: ['k8s/apps.yaml'],
      cwd: work.path,
      policy: strict,
      adapters,
      env: {},
    })
    assert.deepEqual(none.changes, [])
    assert.ok(none.notFixed.some((e) => e.ruleId === 'AL-0001'))
  })
})

describe('airlock fix and YAML merge keys', () => {
  const work = tempDir('fix-merge')
  after(() => work.remove())

  it('does not write a list that would replace one inherited through <<', async () => {
    writeFileSync(
      join(work.path, 'compose.yaml'),
      'x-base: &base\n  image: app:1.0\n  cap_add: [NET_ADMIN]\n  security_opt: [label:disable]\nservices:\n  a:\n    <<: *base\n    read_only: false\n',
    )
    const r = await fixFiles({ paths: ['.'], cwd: work.path, policy: restricted, adapters, env: {} })
    const reason = (ruleId: string) =>
      r.notFixed.find((e) => e.ruleId === ruleId && e.path?.[0] !== 'capAdd')?.reason ?? ''
    assert.match(reason('AL-0022'), /inherits cap_add through a YAML merge key/)
    assert.match(reason('AL-0023'), /inherits security_opt through a YAML merge key/)
    const after = r.changes[0]?.after ?? ''
    assert.doesNotMatch(after.slice(after.indexOf('services:')), /cap_add|security_opt/)
    assert.match(after, /read_only: true\n {4}tmpfs: \[\/tmp, \/run\]/)
  })
})
