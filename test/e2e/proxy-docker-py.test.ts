import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { type RunningProxy, startProxy } from '../../src/enforce/proxy/proxy.js'
import { docker } from '../helpers/docker-cli.js'
import { type Dockerd, startDockerd } from '../helpers/dockerd.js'
import { BUSYBOX_IMAGE, ensureBusyboxImage } from '../helpers/images.js'
import { runProcess } from '../helpers/run-process.js'
import { uniqueName } from '../helpers/unique-name.js'

const SCRIPT = fileURLToPath(new URL('../../../test/fixtures/docker-py/workflow.py', import.meta.url))

interface Denied {
  status: number
  explanation: string
}

interface WorkflowOutput {
  ping: boolean
  api: string
  images: string[]
  run: string
  exec: [number, string]
  put_archive: boolean
  get_archive: string
  status: string
  logs: string
  security_opt: string[] | null
  pids_limit: number | null
  build: string
  privileged: Denied | 'allowed'
  host_root: Denied | 'allowed'
}

describe('airlock proxy driven by docker-py (python3-docker)', () => {
  let daemon: Dockerd
  let proxy: RunningProxy
  let work: string
  const name = uniqueName('dockerpy')

  before(async () => {
    daemon = await startDockerd()
    await ensureBusyboxImage(daemon.host)
    work = mkdtempSync(join(tmpdir(), 'airlock-docker-py-'))
    proxy = await startProxy({
      listen: [`unix://${join(work, 'docker.sock')}`],
      upstream: daemon.host,
      dataDir: join(work, 'data'),
    })
  })
  after(async () => {
    await docker(['rm', '-f', name], { host: daemon.host })
    await docker(['network', 'rm', `${name}-net`], { host: daemon.host })
    await docker(['volume', 'rm', '-f', `${name}-data`], { host: daemon.host })
    await proxy?.close()
    rmSync(work, { recursive: true, force: true })
    await daemon?.stop()
  })

  it('runs an ordinary SDK workflow through Airlock, and gets Airlock’s denials as APIError 403', async () => {
    const r = await runProcess('/usr/bin/python3', [SCRIPT, BUSYBOX_IMAGE, name], {
      env: { PATH: process.env['PATH'] ?? '', DOCKER_HOST: proxy.listeners[0]?.url ?? '' },
      timeoutMs: 120_000,
    })
    assert.equal(r.code, 0, `docker-py failed:\n${r.stderr}`)
    const out = JSON.parse(r.stdout) as WorkflowOutput
    assert.equal(out.ping, true)
    assert.ok(out.images.includes(BUSYBOX_IMAGE), `images: ${out.images.join(', ')}`)
    assert.equal(out.run, 'hello from docker-py\n')
    assert.deepEqual(out.exec, [0, 'exec-ok\n'])
    assert.equal(out.put_archive, true)
    assert.equal(out.get_archive, 'put through airlock\n')
    assert.equal(out.status, 'running')
    assert.match(out.logs, /started/)
    assert.ok(out.security_opt?.includes('no-new-privileges=true'), 'the secure default was applied')
    assert.equal(out.pids_limit, 4096)
    assert.equal(out.build, 'built\n')
    assert.notEqual(out.privileged, 'allowed')
    assert.notEqual(out.host_root, 'allowed')
    const privileged = out.privileged as Denied
    const hostRoot = out.host_root as Denied
    assert.equal(privileged.status, 403)
    assert.match(privileged.explanation, /^airlock: denied by AL-0001 no-privileged: /)
    assert.equal(hostRoot.status, 403)
    assert.match(hostRoot.explanation, /^airlock: denied by AL-001\d /)
  })
})
