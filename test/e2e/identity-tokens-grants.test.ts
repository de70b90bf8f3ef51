import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { SqliteStore } from '../../src/audit/sqlite-store.js'
import { type RunningProxy, startProxy } from '../../src/enforce/proxy/proxy.js'
import { docker, engineRequest } from '../helpers/docker-cli.js'
import { type Dockerd, startDockerd } from '../helpers/dockerd.js'
import { BUSYBOX_IMAGE, ensureBusyboxImage } from '../helpers/images.js'
import { runProcess } from '../helpers/run-process.js'
import { tempDir } from '../helpers/temp-dir.js'
import { uniqueName } from '../helpers/unique-name.js'

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url))

describe('identity with bearer tokens, and time-bounded grants, with the real docker CLI', () => {
  let daemon: Dockerd
  let proxy: RunningProxy
  let host: string
  let team: string
  let admin: string
  const work = tempDir('identity-tokens')
  const dataDir = join(work.path, 'data')
  const configs: Record<string, string> = {}
  const containers: string[] = []

  /** `airlock ...` as a child process. */
  const airlock = (args: string[]) => runProcess(process.execPath, [CLI, ...args], { timeoutMs: 60_000 })
  /** A docker config dir whose config.json sends `Authorization: Bearer <token>`. */
  const configFor = (who: string, token: string) => {
    const dir = join(work.path, `cfg-${who}`)
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ HttpHeaders: { Authorization: `Bearer ${token}` } }),
    )
    configs[who] = dir
  }
  const as = (who: string, args: string[], cli?: string) =>
    docker(args, {
      host,
      timeoutMs: 60_000,
      env: { DOCKER_CONFIG: configs[who] as string, ...(cli && { AIRLOCK_TEST_DOCKER_CLI: cli }) },
    })
  const state = async (ref: string) => {
    const res = await engineRequest(daemon.socket, { path: `/v1.41/containers/${ref}/json` })
    assert.equal(res.status, 200, res.text)
    return JSON.parse(res.text) as { State: { Running: boolean }; Config: { Labels: Record<string, string> } }
  }
  const waitStopped = async (ref: string, ms: number) => {
    const deadline = Date.now() + ms
    while (Date.now() < deadline) {
      if (!(await state(ref)).State.Running) return true
      await sleep(200)
    }
    return false
  }
  const grantCreate = async (args: string[]) => {
    const r = await airlock(['grant', 'create', '--format', 'json', ...args])
    assert.equal(r.code, 0, r.stderr)
    return JSON.parse(r.stdout) as { id: string; status: string }
  }

  before(async () => {
    daemon = await startDockerd()
    await ensureBusyboxImage(daemon.host)
    const sock = join(work.path, 'docker.sock')
    const teamSock = join(work.path, 'team.sock')
    admin = `unix://${join(work.path, 'admin.sock')}`
    proxy = await startProxy({
      listen: [`unix://${sock}#auth=required`, `unix://${teamSock}#user=carol,group=team-a,role=developer`],
      admin: [admin],
      upstream: daemon.host,
      dataDir,
    })
    host = `unix://${sock}`
    team = `unix://${teamSock}`
    const dave = await airlock(['token', 'create', 'dave', '--group', 'dev', '--data', dataDir])
    assert.equal(dave.code, 0, dave.stderr)
    assert.match(dave.stderr, /shown once/)
    configFor('dave', dave.stdout.trim())
    const erin = await airlock([
      'token',
      'create',
      'erin',
      '--role',
      'developer',
      '--admin',
      admin,
      '--data',
      dataDir,
    ])
    assert.equal(erin.code, 0, erin.stderr)
    configFor('erin', erin.stdout.trim())
    const vera = await airlock([
      'token',
      'create',
      'vera',
      '--role',
      'viewer',
      '--ttl',
      '1h',
      '--data',
      dataDir,
    ])
    configFor('vera', vera.stdout.trim())
    configFor('bogus', 'alk_not-a-real-token')
  })
  after(async () => {
    if (containers.length) await docker(['rm', '-f', ...containers], { host: daemon.host })
    await proxy?.close()
    work.remove()
    await daemon?.stop()
  })

  it('refuses callers without a valid token with 401 and a Docker-style message', async () => {
    const none = await docker(['ps'], { host })
    assert.notEqual(none.code, 0)
    assert.match(
      none.stderr,
      /Error response from daemon: airlock: unauthorized: this listener requires identification/,
    )
    const bogus = await as('bogus', ['ps'])
    assert.match(
      bogus.stderr,
      /airlock: unauthorized: the bearer token is not valid \(unknown, revoked or expired\)/,
    )
    const temp = await airlock(['token', 'create', 'tmp', '--format', 'json', '--data', dataDir])
    const t = JSON.parse(temp.stdout) as { id: string; token: string }
    configFor('tmp', t.token)
    assert.equal((await as('tmp', ['ps'])).code, 0)
    const revoke = await airlock(['token', 'revoke', t.id, '--data', dataDir])
    assert.equal(revoke.code, 0, revoke.stderr)
    assert.match(
      (await as('tmp', ['ps'])).stderr,
      /airlock: unauthorized: the bearer token is not valid/,
      'revoked at once',
    )
    const list = await airlock(['token', 'list', '--data', dataDir])
    assert.match(list.stdout, new RegExp(`${t.id}.*revoked by`))
    assert.doesNotMatch(list.stdout, /alk_/)
  })

  it('keeps two token users apart (both docker CLIs): ps, inspect, logs, exec, rm by name and id prefix, volumes', async () => {
    const name = uniqueName('tok-dave')
    containers.push(name)
    const run = await as('dave', [
      'run',
      '-d',
      '--name',
      name,
      BUSYBOX_IMAGE,
      'sh',
      '-c',
      'echo secret-output; sleep 300',
    ])
    assert.equal(run.code, 0, run.stderr)
    const id = run.stdout.trim()
    for (const cli of ['/usr/bin/docker', '/usr/local/bin/docker']) {
      assert.doesNotMatch((await as('erin', ['ps', '-a'], cli)).stdout, new RegExp(name))
      for (const ref of [name, id.slice(0, 8)]) {
        for (const args of [
          ['inspect', '--type', 'container', ref],
          ['logs', ref],
          ['exec', ref, 'id'],
          ['rm', ref],
          ['kill', ref],
        ]) {
          const r = await as('erin', args, cli)
          assert.notEqual(r.code, 0, `${cli} erin ${args.join(' ')}`)
          assert.match(
            r.stderr,
            new RegExp(`No such (container|object): ${ref}`),
            `${cli} erin ${args.join(' ')}: ${r.stderr}`,
          )
          assert.doesNotMatch(r.stdout, /secret-output/)
        }
      }
    }
    assert.equal((await state(name)).State.Running, true)
    assert.equal((await as('dave', ['exec', name, 'echo', 'mine'])).stdout, 'mine\n')
    assert.match((await as('dave', ['logs', name])).stdout, /secret-output/)
    const vol = uniqueName('tok-vol')
    assert.equal((await as('dave', ['volume', 'create', vol])).code, 0)
    assert.doesNotMatch((await as('erin', ['volume', 'ls', '-q'])).stdout, new RegExp(vol))
    assert.match((await as('erin', ['volume', 'rm', vol])).stderr, /no such volume/i)
    const steal = await as('erin', ['run', '--rm', '-v', `${vol}:/data`, BUSYBOX_IMAGE, 'true'])
    assert.match(steal.stderr, /volume ".*" is not one of yours/)
    assert.match((await as('dave', ['volume', 'ls', '-q'])).stdout, new RegExp(vol))
    assert.equal((await as('dave', ['volume', 'rm', vol])).code, 0)
    assert.equal((await as('dave', ['rm', '-f', id.slice(0, 10)])).code, 0, 'the owner removes by id prefix')
  })

  it('identifies callers of a unix socket by the socket, and records them', async () => {
    const r = await docker(['run', '--rm', BUSYBOX_IMAGE, 'echo', 'team-a'], { host: team })
    assert.equal(r.stdout, 'team-a\n', r.stderr)
    const store = SqliteStore.open({ dataDir, readonly: true })
    try {
      const carol = store.query({ caller: 'carol', actionKind: 'container.create' })
      assert.ok(carol.length > 0)
      assert.deepEqual(carol[0]?.caller, {
        user: 'carol',
        groups: ['team-a'],
        role: 'developer',
        via: 'socket',
      })
    } finally {
      store.close()
    }
  })

  it('a viewer token lists but is denied every write', async () => {
    assert.equal((await as('vera', ['ps', '-a'])).code, 0)
    for (const args of [
      ['run', '--rm', BUSYBOX_IMAGE, 'true'],
      ['volume', 'create'],
      ['network', 'create', uniqueName('n')],
    ]) {
      assert.match((await as('vera', args)).stderr, /airlock: denied: role viewer may not/)
    }
  })

  it('a grant lets one user run one elevated container for a few seconds; then it is stopped and further runs are denied', async () => {
    const deniedBefore = await as('dave', [
      'run',
      '-d',
      '--cap-add',
      'SYS_ADMIN',
      BUSYBOX_IMAGE,
      'sleep',
      '300',
    ])
    assert.match(deniedBefore.stderr, /airlock: denied by AL-0021 no-added-capabilities/)
    const g = await grantCreate([
      '--subject',
      'dave',
      '--allow',
      'AL-0021',
      '--ttl',
      '6s',
      '--reason',
      'e2e: debug with SYS_ADMIN',
      '--admin',
      admin,
      '--data',
      dataDir,
    ])
    assert.equal(g.status, 'active')
    const name = uniqueName('tok-granted')
    containers.push(name)
    const run = await as('dave', [
      'run',
      '-d',
      '--name',
      name,
      '--cap-add',
      'SYS_ADMIN',
      BUSYBOX_IMAGE,
      'sleep',
      '300',
    ])
    assert.equal(run.code, 0, run.stderr)
    const started = await state(name)
    assert.equal(started.State.Running, true)
    assert.equal(started.Config.Labels['airlock.grant'], g.id)
    assert.equal(started.Config.Labels['airlock.owner'], 'dave')
    assert.match(
      (await as('erin', ['run', '--rm', '--cap-add', 'SYS_ADMIN', BUSYBOX_IMAGE, 'true'])).stderr,
      /denied by AL-0021/,
      'only the subject',
    )
    assert.ok(await waitStopped(name, 15_000), 'the grant expired and its container was stopped')
    const after_ = await as('dave', ['run', '-d', '--cap-add', 'SYS_ADMIN', BUSYBOX_IMAGE, 'sleep', '300'])
    assert.match(after_.stderr, /airlock: denied by AL-0021/)
    const restart = await as('dave', ['start', name])
    assert.match(
      restart.stderr,
      new RegExp(`created under grant ${g.id}, which is expired; it may not start again`),
    )
    const list = await airlock(['grant', 'list', '--format', 'json', '--data', dataDir])
    const listed = (
      JSON.parse(list.stdout) as {
        id: string
        status: string
        subject: string
        reason: string
        createdBy: string
      }[]
    ).find((x) => x.id === g.id)
    assert.deepEqual([listed?.status, listed?.subject, listed?.createdBy], ['expired', 'dave', 'admin'])
    const store = SqliteStore.open({ dataDir, readonly: true })
    try {
      const all = store.query({ limit: 100_000 })
      const create = all.find(
        (e) =>
          e.actionKind === 'container.create' && e.grantIds.includes(g.id) && e.extra['phase'] === 'decision',
      )
      assert.equal(create?.caller.user, 'dave')
      assert.ok(create?.findings.some((f) => f.ruleId === 'AL-0021'))
      assert.ok(
        all.some(
          (e) =>
            e.actionKind === 'container.stop' &&
            e.grantIds.includes(g.id) &&
            /expired: container .* stopped/.test(e.message),
        ),
      )
      assert.ok(all.some((e) => e.actionKind === 'grant.create' && e.caller.user === 'admin'))
    } finally {
      store.close()
    }
  })

  it('allows a --privileged create under a grant on AL-0001 scoped to one container name (created, not started)', async () => {
    const name = uniqueName('tok-priv')
    containers.push(name)
    const g = await grantCreate([
      '--subject',
      'dave',
      '--allow',
      'no-privileged',
      '--container',
      name,
      '--ttl',
      '2m',
      '--reason',
      'e2e: privileged create',
      '--admin',
      admin,
      '--data',
      dataDir,
    ])
    const created = await as('dave', ['create', '--privileged', '--name', name, BUSYBOX_IMAGE, 'true'])
    assert.equal(created.code, 0, created.stderr)
    assert.equal((await state(name)).Config.Labels['airlock.grant'], g.id)
    const other = await as('dave', [
      'create',
      '--privileged',
      '--name',
      uniqueName('tok-priv-other'),
      BUSYBOX_IMAGE,
      'true',
    ])
    assert.match(other.stderr, /denied by AL-0001 no-privileged/, 'the grant is scoped to one container name')
    assert.equal((await airlock(['grant', 'revoke', g.id, '--admin', admin, '--data', dataDir])).code, 0)
  })

  it('revocation takes effect at once: the container is stopped before the command returns, the next run is denied', async () => {
    const g = await grantCreate([
      '--subject',
      'dave',
      '--allow',
      'AL-0003',
      '--ttl',
      '10m',
      '--reason',
      'e2e: host pid',
      '--admin',
      admin,
      '--data',
      dataDir,
    ])
    const name = uniqueName('tok-revoked')
    containers.push(name)
    const run = await as('dave', [
      'run',
      '-d',
      '--name',
      name,
      '--pid',
      'host',
      BUSYBOX_IMAGE,
      'sleep',
      '300',
    ])
    assert.equal(run.code, 0, run.stderr)
    assert.equal((await state(name)).State.Running, true)
    const revoke = await airlock(['grant', 'revoke', g.id, '--admin', admin, '--data', dataDir])
    assert.equal(revoke.code, 0, revoke.stderr)
    assert.match(revoke.stdout, new RegExp(`${g.id} revoked`))
    assert.equal((await state(name)).State.Running, false, 'stopped by the time revoke returned')
    assert.match(
      (await as('dave', ['run', '--rm', '--pid', 'host', BUSYBOX_IMAGE, 'true'])).stderr,
      /denied by AL-0003/,
    )
  })

  it('grant changes made on the data dir (no admin API) reach the running proxy within a second or two', async () => {
    const g = await grantCreate([
      '--subject',
      'dave',
      '--allow',
      'AL-0003',
      '--ttl',
      '10m',
      '--reason',
      'e2e: data dir',
      '--data',
      dataDir,
      '--as',
      'ops',
    ])
    const name = uniqueName('tok-datadir')
    containers.push(name)
    let run = await as('dave', ['run', '-d', '--name', name, '--pid', 'host', BUSYBOX_IMAGE, 'sleep', '300'])
    for (let i = 0; i < 10 && run.code !== 0; i++) {
      await sleep(300)
      run = await as('dave', ['run', '-d', '--name', name, '--pid', 'host', BUSYBOX_IMAGE, 'sleep', '300'])
    }
    assert.equal(run.code, 0, run.stderr)
    assert.equal((await airlock(['grant', 'revoke', g.id, '--data', dataDir, '--as', 'ops'])).code, 0)
    assert.ok(await waitStopped(name, 5000), 'the proxy saw the revocation and stopped the container')
  })
})
