import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { ScanReport } from '../../src/report/scan-report.js'
import { docker } from '../helpers/docker-cli.js'
import { type Dockerd, startDockerd } from '../helpers/dockerd.js'
import { BUSYBOX_IMAGE, ensureBusyboxImage } from '../helpers/images.js'
import { runProcess } from '../helpers/run-process.js'
import { uniqueName } from '../helpers/unique-name.js'

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url))

describe('airlock scan --docker against a real dockerd', () => {
  let daemon: Dockerd
  const privileged = uniqueName('scan-privileged')
  const ordinary = uniqueName('scan-ordinary')
  let code: number | null
  let report: ScanReport
  let stderr: string

  before(async () => {
    daemon = await startDockerd()
    await ensureBusyboxImage(daemon.host)
    for (const args of [
      ['create', '--name', privileged, '--privileged', BUSYBOX_IMAGE, 'sleep', '60'],
      ['create', '--name', ordinary, '--user', '1000', BUSYBOX_IMAGE, 'true'],
    ]) {
      const r = await docker(args, { host: daemon.host })
      assert.equal(r.code, 0, r.stderr)
    }
    const r = await runProcess(
      process.execPath,
      [MAIN, 'scan', '--docker', daemon.host, '--format', 'json', '--no-progress'],
      {
        env: { PATH: process.env['PATH'] ?? '' },
        timeoutMs: 60_000,
      },
    )
    code = r.code
    stderr = r.stderr
    report = ScanReport.parse(JSON.parse(r.stdout))
  })
  after(async () => {
    if (daemon) await docker(['rm', '-f', privileged, ordinary], { host: daemon.host })
    await daemon?.stop()
  })

  it('exits 1 because a container fails the baseline profile', () => {
    assert.equal(code, 1, stderr)
    assert.equal(report.passed, false)
  })

  it('reports the privileged container by name, at docker://<name>', () => {
    const f = report.findings.find((x) => x.ruleId === 'AL-0001' && x.workload === `container ${privileged}`)
    assert.ok(f, JSON.stringify(report.findings.filter((x) => x.workload?.includes(privileged))))
    assert.equal(f.file, `docker://${privileged}`)
    assert.equal(f.result, 'fail')
    assert.equal(f.format, 'container')
    assert.equal(f.line, undefined)
    assert.ok(report.sources.some((s) => s.file === `docker://${ordinary}` && s.status === 'scanned'))
  })

  it('does not fail the ordinary container', () => {
    const mine = report.findings.filter((x) => x.workload === `container ${ordinary}`)
    assert.deepEqual(
      mine.filter((x) => x.result === 'fail'),
      [],
    )
    assert.equal(
      mine.some((x) => x.ruleId === 'AL-0001'),
      false,
    )
  })

  it("reports the daemon's own posture", () => {
    const posture = report.findings.filter((x) => x.workload === 'daemon')
    const ids = new Set(posture.map((x) => x.ruleId))
    // A stock test dockerd: no authorization plugin, no userns-remap, icc on, no live restore.
    for (const id of ['AL-0200', 'AL-0201', 'AL-0202', 'AL-0203'])
      assert.ok(ids.has(id), `${id} in ${[...ids].join(', ')}`)
    assert.ok(posture.every((x) => x.format === 'daemon'))
    assert.ok(report.sources.some((s) => s.file === daemon.host && s.format === 'daemon'))
    const seccomp = posture.find((x) => x.ruleId === 'AL-0207')
    assert.equal(seccomp, undefined, 'the test daemon applies its default seccomp profile')
  })
})
