import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { checkRequest } from '../../../src/cli/commands/check.js'
import { checkDockerRun } from '../../../src/cli/commands/check-docker-run.js'
import { builtinPolicy } from '../../../src/policy/profiles.js'

const CLI = fileURLToPath(new URL('../../../src/cli/main.js', import.meta.url))
const airlock = (args: string[], input?: string) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input: input ?? '', cwd: '/tmp' })

describe('airlock check -- docker run ...', () => {
  const baseline = builtinPolicy('baseline')

  it('denies a command line that reaches the host, locating each finding by its arguments', () => {
    const out = checkDockerRun(
      ['docker', 'run', '--rm', '--privileged', '-v', '/:/host', '--pid=host', 'alpine', 'sh'],
      baseline,
      '/tmp',
    )
    assert.equal(out.allowed, false)
    assert.equal(out.action, 'container.create')
    const where = Object.fromEntries(
      out.findings.filter((f) => f.result === 'fail').map((f) => [f.ruleId, f.path]),
    )
    assert.equal(where['AL-0001'], '--privileged')
    assert.equal(where['AL-0003'], '--pid=host')
    assert.equal(where['AL-0010'], '-v /:/host')
    assert.match(out.message, /^airlock: denied by AL-0001 no-privileged: --privileged: /)
  })

  it('allows an ordinary run and shows the secure defaults the proxy would inject', () => {
    const out = checkDockerRun(
      ['docker', 'container', 'run', '-d', '-p', '8080:80', '-v', '.:/src', 'nginx:1.27'],
      baseline,
      '/srv/app',
    )
    assert.equal(out.allowed, true, out.message)
    assert.deepEqual(
      out.mutations.map((m) => m.path),
      ['security.noNewPrivileges', 'resources.pidsLimit'],
    )
    const bind = out.findings.find((f) => f.ruleId === 'AL-0015')
    assert.match(bind?.message ?? '', /\/srv\/app/, 'relative sources resolve against the working directory')
  })

  it('judges docker create the same way, and refuses what is not a docker command', () => {
    assert.equal(
      checkDockerRun(['docker', 'create', '--cap-add', 'sys_admin', 'alpine'], baseline).allowed,
      false,
    )
    assert.throws(() => checkDockerRun(['ls', '-l'], baseline), /expected a docker run or docker create/)
    assert.throws(
      () => checkDockerRun(['docker', 'run', '--no-such-flag', 'alpine'], baseline),
      /unknown flag|unknown option/i,
    )
  })

  it('exits 1 when denied, 0 when allowed, 2 for bad input (the CLI)', () => {
    const denied = airlock(['check', '--', 'docker', 'run', '--privileged', 'alpine'])
    assert.equal(denied.status, 1, denied.stderr)
    assert.match(denied.stdout, /DENIED container\.create: airlock: denied by AL-0001/)
    const allowed = airlock(['check', '--format', 'json', '--', 'docker', 'run', '--rm', 'alpine:3', 'true'])
    assert.equal(allowed.status, 0, allowed.stderr)
    assert.equal(JSON.parse(allowed.stdout).allowed, true)
    const bad = airlock(['check', '--', 'ls', '-l'])
    assert.equal(bad.status, 2)
    assert.match(bad.stderr, /expected a docker run or docker create command line/)
  })
})

describe('airlock check BODY', () => {
  it('decides on a request body as the proxy will, with the endpoint given', () => {
    const body = Buffer.from('{"Image":"alpine","HostConfig":{"Privileged":true}}')
    const out = checkRequest('POST /v1.41/containers/create', body)
    assert.equal(out.allowed, false)
    assert.equal(out.findings.find((f) => f.ruleId === 'AL-0001')?.path, 'HostConfig.Privileged')
    assert.equal(
      checkRequest('POST /v1.41/containers/create', Buffer.from('{"Image":"alpine"}')).allowed,
      true,
    )
  })

  it('refuses a body dockerd would read two ways, and a malformed endpoint', () => {
    assert.throws(
      () => checkRequest('POST /v1.41/containers/create', Buffer.from('{"Image":"a","image":"b"}')),
      /duplicate|twice/i,
    )
    assert.throws(() => checkRequest('create container', undefined), /--endpoint must look like/)
  })

  it('reads the body from standard input (the CLI)', () => {
    const r = airlock(['check', '--format', 'json'], '{"Image":"alpine","HostConfig":{"NetworkMode":"host"}}')
    assert.equal(r.status, 1, r.stderr)
    assert.ok(JSON.parse(r.stdout).findings.some((f: { ruleId: string }) => f.ruleId === 'AL-0002'))
  })
})
