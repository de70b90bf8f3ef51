import assert from 'node:assert/strict'
import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { Workload } from '../../../src/adapters/workload.js'
import { InputError } from '../../../src/errors.js'
import { containerSpec } from '../../../src/model/container-spec.js'
import { DaemonPosture } from '../../../src/model/daemon-posture.js'
import { parsePolicy } from '../../../src/policy/load-policy.js'
import { builtinPolicy } from '../../../src/policy/profiles.js'
import { ScanReport } from '../../../src/report/scan-report.js'
import { defaultScanAdapters } from '../../../src/scan/default-adapters.js'
import { locateDaemonPath } from '../../../src/scan/locate-daemon.js'
import { scan } from '../../../src/scan/scan.js'
import { tempDir } from '../../helpers/temp-dir.js'

const FIXTURE = fileURLToPath(new URL('../../../../test/fixtures/scan/project/', import.meta.url))
const NOW = new Date('2026-06-01T12:00:00Z')
const ADAPTERS = defaultScanAdapters()

describe('scan over a project directory', () => {
  const work = tempDir('scan')
  let report: ScanReport
  before(async () => {
    cpSync(FIXTURE, work.path, { recursive: true })
    // Written here, not in the fixture: a .gitignore there would hide the fixture from git itself.
    writeFileSync(join(work.path, '.gitignore'), 'generated/\n')
    mkdirSync(join(work.path, 'generated'))
    cpSync(join(FIXTURE, 'vendor', 'pod.yaml'), join(work.path, 'generated', 'pod.yaml'))
    report = await scan({
      paths: ['.'],
      cwd: work.path,
      policy: builtinPolicy('baseline'),
      adapters: ADAPTERS,
      now: NOW,
    })
  })
  after(() => work.remove())

  const find = (ruleId: string, workload?: string) =>
    report.findings.filter((f) => f.ruleId === ruleId && (workload === undefined || f.workload === workload))

  it('produces a report valid against its own schema', () => {
    assert.doesNotThrow(() => ScanReport.parse(report))
    assert.equal(report.root, work.path)
    assert.equal(report.generatedAt, NOW.toISOString())
  })

  it('walks the tree, skipping .gitignore and .airlockignore paths and prose', () => {
    const files = report.sources.map((s) => s.file)
    assert.deepEqual(files, [
      'app/Dockerfile',
      'chart/templates/deployment.yaml',
      'compose.override.yaml',
      'compose.yaml',
      'k8s/broken.yaml',
      'k8s/deploy.yaml',
      'scripts/run.sh',
    ])
    assert.match(report.sources[1]?.reason ?? '', /Helm or Go template/)
    assert.equal(report.sources.find((s) => s.file === 'scripts/run.sh')?.format, 'docker-run')
  })

  it('merges compose overrides and locates findings in the file that set them', () => {
    const [netAdmin] = find('AL-0021', 'service web')
    assert.ok(netAdmin)
    assert.equal(netAdmin.file, 'compose.override.yaml')
    assert.deepEqual([netAdmin.line, netAdmin.column], [4, 9])
    assert.equal(netAdmin.result, 'fail')
    assert.equal(netAdmin.severity, 'high')
  })

  it('applies a same-line inline suppression with a reason', () => {
    const [priv] = find('AL-0001', 'service agent')
    assert.equal(priv?.suppression?.kind, 'inline')
    assert.equal(priv?.suppression?.source, 'compose.yaml:10')
    assert.match(priv?.suppression?.reason ?? '', /raw device/)
  })

  it('applies a suppression written above a workload to every finding of that rule in it', () => {
    const [nnp] = find('AL-0023', 'service agent')
    assert.equal(nnp?.suppression?.source, 'compose.yaml:7')
    assert.equal(nnp?.suppression?.until, '2999-12-31')
    assert.equal(find('AL-0023', 'service web')[0]?.suppression, undefined)
  })

  it('refuses a suppression without a reason and keeps the finding', () => {
    const [priv] = find('AL-0001', 'service legacy')
    assert.equal(priv?.suppression, undefined)
    assert.equal(priv?.result, 'fail')
    const refused = find('scan/invalid-suppression').find((f) => f.file === 'compose.yaml')
    assert.equal(refused?.line, 13)
    assert.equal(refused?.result, 'error')
    assert.match(refused?.message ?? '', /needs reason=/)
  })

  it('applies .airlockignore entries by path and reports expired and refused ones', () => {
    const hostNet = find('AL-0002')
    assert.equal(hostNet.length, 2)
    for (const f of hostNet) assert.equal(f.suppression?.source, '.airlockignore:5')
    const expired = find('scan/expired-suppression')
    assert.equal(expired.length, 1)
    assert.equal(expired[0]?.file, '.airlockignore')
    assert.equal(expired[0]?.line, 6)
    assert.match(expired[0]?.message ?? '', /expired on 2020-01-31/)
    const refused = find('scan/invalid-suppression').find((f) => f.file === '.airlockignore')
    assert.equal(refused?.line, 7)
  })

  it('reports a file that does not parse with its location and goes on', () => {
    const [err] = find('scan/parse-error')
    assert.equal(err?.file, 'k8s/broken.yaml')
    assert.equal(err?.result, 'error')
    assert.ok((err?.line ?? 0) >= 7)
    assert.equal(report.sources.find((s) => s.file === 'k8s/broken.yaml')?.status, 'error')
  })

  it('locates Kubernetes findings on the line that sets them and names the workload', () => {
    const [priv] = find('AL-0001', 'Deployment/api container app')
    assert.deepEqual([priv?.file, priv?.line, priv?.column], ['k8s/deploy.yaml', 13, 13])
    assert.deepEqual(priv?.path, ['privileged'])
  })

  it('runs the Dockerfile rules on Dockerfiles, with inline suppressions in Dockerfile comments', () => {
    const mine = report.findings.filter((f) => f.file === 'app/Dockerfile')
    assert.deepEqual(
      mine.map((f) => [f.line, f.ruleId, f.result, f.workload, Boolean(f.suppression)]),
      [
        [4, 'AL-0104', 'fail', 'Dockerfile', false],
        [5, 'AL-0102', 'warn', 'Dockerfile', false],
        [7, 'AL-0105', 'warn', 'Dockerfile', true],
        [8, 'AL-0100', 'warn', 'Dockerfile', false],
      ],
    )
    assert.equal(mine[2]?.suppression?.source, 'app/Dockerfile:6')
  })

  it('fails the scan on unsuppressed enforce-mode findings and counts the rest', () => {
    assert.equal(report.passed, false)
    const live = report.findings.filter((f) => !f.suppression)
    assert.equal(report.summary.findings.fail, live.filter((f) => f.result === 'fail').length)
    assert.equal(report.summary.findings.suppressed, report.findings.length - live.length)
    assert.ok(report.summary.findings.warn > 0, 'restricted rules warn under baseline')
    assert.equal(report.summary.workloads, 7)
  })

  it('sorts findings by file, line, column and rule', () => {
    const keys = report.findings.map((f) => [f.file, f.line ?? 0, f.column ?? 0])
    const sorted = [...keys].sort(
      (a, b) =>
        (a[0] as string).localeCompare(b[0] as string) ||
        (a[1] as number) - (b[1] as number) ||
        (a[2] as number) - (b[2] as number),
    )
    assert.deepEqual(keys, sorted)
  })

  it('passes with --fail-on critical when only lesser findings are unsuppressed', async () => {
    const only = await scan({
      paths: ['compose.override.yaml'],
      cwd: work.path,
      policy: builtinPolicy('baseline'),
      adapters: ADAPTERS,
      now: NOW,
      failOn: 'critical',
    })
    assert.equal(
      only.findings.some((f) => f.ruleId === 'AL-0021' && f.result === 'fail'),
      true,
    )
    assert.equal(only.passed, true)
    const high = await scan({
      paths: ['compose.override.yaml'],
      cwd: work.path,
      policy: builtinPolicy('baseline'),
      adapters: ADAPTERS,
      now: NOW,
      failOn: 'high',
    })
    assert.equal(high.passed, false)
  })

  it('honours policy modes, severities and exemptions by image', async () => {
    const policy = parsePolicy(
      [
        'profile: restricted',
        'rules:',
        '  AL-0021: off',
        '  no-privileged: { severity: medium }',
        'exemptions:',
        '  - name: api-privileged',
        '    rules: [AL-0001]',
        '    images: ["registry.example.com/api:*"]',
        '    reason: the api needs it',
      ].join('\n'),
      'policy.yaml',
    )
    const r = await scan({
      paths: ['k8s/deploy.yaml', 'compose.yaml'],
      cwd: work.path,
      policy,
      adapters: ADAPTERS,
      now: NOW,
    })
    const app = r.findings.find(
      (f) => f.ruleId === 'AL-0001' && f.workload === 'Deployment/api container app',
    )
    assert.deepEqual(app?.suppression, {
      kind: 'policy-exemption',
      reason: 'the api needs it',
      source: 'api-privileged',
    })
    assert.equal(app?.severity, 'medium')
    assert.equal(
      r.findings.some((f) => f.ruleId === 'AL-0021'),
      false,
    )
    assert.equal(
      r.findings.find((f) => f.ruleId === 'AL-0023' && !f.suppression)?.result,
      'fail',
      'restricted enforces AL-0023',
    )
    assert.equal(r.profile, 'restricted')
    const pids = r.findings.filter((f) => f.ruleId === 'AL-0042')
    assert.ok(
      pids.some((f) => f.format === 'compose'),
      'a compose service without pids_limit fails AL-0042',
    )
    assert.equal(
      pids.some((f) => f.format === 'kubernetes'),
      false,
      "a pod's PIDs limit is the kubelet's podPidsLimit, which no manifest can set",
    )
  })

  it('treats a path that does not exist as bad input', async () => {
    await assert.rejects(
      scan({
        paths: ['nope'],
        cwd: work.path,
        policy: builtinPolicy(),
        adapters: ADAPTERS,
        now: NOW,
      }),
      (e: unknown) => e instanceof InputError && /cannot read nope/.test(e.message),
    )
  })

  it('scans a file named on the command line even when it is ignored', async () => {
    const r = await scan({
      paths: ['generated/pod.yaml'],
      cwd: work.path,
      policy: builtinPolicy(),
      adapters: ADAPTERS,
      now: NOW,
    })
    assert.deepEqual(
      r.sources.map((s) => s.file),
      ['pod.yaml'],
    )
    assert.equal(r.root, join(work.path, 'generated'))
    assert.equal(r.passed, false)
  })

  it('reports formats without an adapter as skipped rather than clean', async () => {
    const r = await scan({ paths: ['.'], cwd: work.path, policy: builtinPolicy(), adapters: {}, now: NOW })
    assert.ok(
      r.sources.filter((s) => s.status === 'skipped').every((s) => /adapter|template/.test(s.reason ?? '')),
    )
    assert.equal(r.summary.workloads, 0)
  })
})

describe('scan of a live host', () => {
  const work = tempDir('scan-live')
  after(() => work.remove())

  it('decides containers and the daemon, and applies .airlockignore entries for live objects', async () => {
    writeFileSync(
      join(work.path, '.airlockignore'),
      'AL-0200 unix://* reason="the daemon is only reachable through the Airlock proxy"\nAL-0001 docker://lab-* reason="lab machines" until=2999-01-01\n',
    )
    const posture = DaemonPosture.parse({
      host: 'unix:///var/run/docker.sock',
      securityOptions: ['name=seccomp,profile=builtin'],
    })
    const container = (name: string, spec: Parameters<typeof containerSpec>[0]): Workload => {
      const location = { file: `docker://${name}`, line: 0, column: 0 }
      return {
        name: `container ${name}`,
        format: 'container',
        spec: containerSpec(spec),
        location,
        locate: () => location,
      }
    }
    const r = await scan({
      paths: [],
      cwd: work.path,
      policy: builtinPolicy('baseline'),
      adapters: {},
      now: NOW,
      live: async () => ({
        host: posture.host,
        workloads: [container('lab-1', { privileged: true }), container('web', { privileged: true })],
        posture,
        locatePosture: locateDaemonPath(posture),
        errors: [],
      }),
    })
    const of = (ruleId: string, workload: string) =>
      r.findings.find((f) => f.ruleId === ruleId && f.workload === workload)
    assert.equal(of('AL-0001', 'container lab-1')?.suppression?.source, '.airlockignore:2')
    assert.equal(of('AL-0001', 'container web')?.suppression, undefined)
    assert.equal(
      of('AL-0200', 'daemon')?.suppression?.reason,
      'the daemon is only reachable through the Airlock proxy',
    )
    assert.deepEqual(
      r.sources.map((s) => [s.file, s.format]),
      [
        ['docker://lab-1', 'container'],
        ['docker://web', 'container'],
        ['unix:///var/run/docker.sock', 'daemon'],
      ],
    )
    assert.equal(r.passed, false)
  })
})
