import assert from 'node:assert/strict'
import { mkdirSync, rmSync } from 'node:fs'
import * as net from 'node:net'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { SqliteStore } from '../../src/audit/sqlite-store.js'
import { type RunningProxy, startProxy } from '../../src/enforce/proxy/proxy.js'
import { initCertificates } from '../../src/identity/certs/cert-authority.js'
import { issueClientCertificate } from '../../src/identity/certs/client-cert.js'
import { docker, engineRequest } from '../helpers/docker-cli.js'
import { type Dockerd, startDockerd } from '../helpers/dockerd.js'
import { BUSYBOX_IMAGE, ensureBusyboxImage } from '../helpers/images.js'
import { tempDir } from '../helpers/temp-dir.js'
import { uniqueName } from '../helpers/unique-name.js'

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })
}

describe('identity over mTLS with the real docker CLI', () => {
  let daemon: Dockerd
  let proxy: RunningProxy
  let host: string
  const work = tempDir('identity-mtls')
  const tls = join(work.path, 'tls')
  const dataDir = join(work.path, 'data')
  const certs: Record<string, string> = {}
  const containers: string[] = []
  const as = (who: string, args: string[], opts: { input?: string; cli?: string } = {}) =>
    docker(args, {
      host,
      timeoutMs: 60_000,
      env: {
        DOCKER_TLS_VERIFY: '1',
        DOCKER_CERT_PATH: certs[who] as string,
        ...(opts.cli && { AIRLOCK_UNUSED: '' }),
      },
      ...(opts.input !== undefined && { input: opts.input }),
    })
  const running = async (name: string) => {
    const res = await engineRequest(daemon.socket, { path: `/v1.41/containers/${name}/json` })
    return (JSON.parse(res.text) as { State: { Running: boolean } }).State.Running
  }

  before(async () => {
    daemon = await startDockerd()
    await ensureBusyboxImage(daemon.host)
    initCertificates({ dir: tls })
    certs['alice'] = issueClientCertificate({
      dir: tls,
      name: 'alice',
      groups: ['dev'],
      out: join(work.path, 'alice'),
    })
    certs['bob'] = issueClientCertificate({
      dir: tls,
      name: 'bob',
      groups: ['dev'],
      out: join(work.path, 'bob'),
    })
    certs['vic'] = issueClientCertificate({
      dir: tls,
      name: 'vic',
      role: 'viewer',
      out: join(work.path, 'vic'),
    })
    const caOnly = join(work.path, 'ca-only')
    mkdirSync(caOnly)
    const { copyFileSync } = await import('node:fs')
    copyFileSync(join(tls, 'ca.pem'), join(caOnly, 'ca.pem'))
    certs['nobody'] = caOnly
    const port = await freePort()
    proxy = await startProxy({
      listen: [`tcp://127.0.0.1:${port}`],
      tlsDir: tls,
      upstream: daemon.host,
      dataDir,
    })
    host = proxy.listeners[0]?.url ?? ''
  })
  after(async () => {
    if (containers.length) await docker(['rm', '-f', ...containers], { host: daemon.host })
    await proxy?.close()
    work.remove()
    await daemon?.stop()
  })

  it('serves a developer over TLS: run, attached output, exec with and without stdin, logs', async () => {
    const r = await as('alice', ['run', '--rm', BUSYBOX_IMAGE, 'echo', 'hello over mTLS'])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'hello over mTLS\n')
    const name = uniqueName('mtls-dev')
    containers.push(name)
    assert.equal(
      (await as('alice', ['run', '-d', '--name', name, BUSYBOX_IMAGE, 'sh', '-c', 'echo started; sleep 300']))
        .code,
      0,
    )
    const ex = await as('alice', ['exec', name, 'echo', 'exec-ok'])
    assert.equal(ex.stdout, 'exec-ok\n', ex.stderr)
    const exi = await as('alice', ['exec', '-i', name, 'wc', '-c'], { input: 'abcdef' })
    assert.equal(exi.stdout.trim(), '6', exi.stderr)
    assert.equal((await as('alice', ['logs', name])).stdout, 'started\n')
    const labels = await as('alice', ['inspect', '-f', '{{index .Config.Labels "airlock.owner"}}', name])
    assert.equal(labels.stdout.trim(), 'alice')
  })

  it("keeps two developers apart: bob can neither see nor touch alice's container, by name or id prefix", async () => {
    const name = uniqueName('mtls-alice')
    containers.push(name)
    const run = await as('alice', ['run', '-d', '--name', name, BUSYBOX_IMAGE, 'sleep', '300'])
    assert.equal(run.code, 0, run.stderr)
    const id = run.stdout.trim()
    assert.match((await as('alice', ['ps', '--format', '{{.Names}}'])).stdout, new RegExp(name))
    const ps = await as('bob', ['ps', '-a', '--format', '{{.Names}}'])
    assert.equal(ps.code, 0, ps.stderr)
    assert.doesNotMatch(ps.stdout, new RegExp(name))
    const filtered = await as('bob', [
      'ps',
      '-a',
      '-q',
      '--filter',
      `name=${name}`,
      '--filter',
      'label=airlock.owner=alice',
    ])
    assert.equal(filtered.stdout, '')
    for (const ref of [name, id.slice(0, 12), id.slice(0, 6), id]) {
      for (const args of [
        ['inspect', '--type', 'container', ref],
        ['logs', ref],
        ['exec', ref, 'true'],
        ['stop', '-t', '0', ref],
        ['rm', ref],
        ['cp', `${ref}:/etc/passwd`, join(work.path, 'stolen')],
      ]) {
        const r = await as('bob', args)
        assert.notEqual(r.code, 0, `bob ${args.join(' ')} succeeded`)
        assert.match(
          r.stderr,
          new RegExp(`No such (container|object|container:path): ${ref}`),
          `bob ${args.join(' ')}: ${r.stderr}`,
        )
      }
    }
    const join_ = await as('bob', ['run', '--rm', '--pid', `container:${name}`, BUSYBOX_IMAGE, 'true'])
    assert.match(join_.stderr, new RegExp(`No such container: ${name}`))
    const from = await as('bob', ['run', '--rm', '--volumes-from', name, BUSYBOX_IMAGE, 'true'])
    assert.match(from.stderr, new RegExp(`No such container: ${name}`))
    assert.equal(
      (await as('bob', ['rm', '-f', name])).code,
      0,
      'rm -f ignores a missing container, as for any missing one',
    )
    assert.equal(await running(name), true, "alice's container is untouched")
  })

  it("filters docker events to the caller's own objects", async () => {
    const since = Math.floor(Date.now() / 1000) - 1
    const mine = uniqueName('mtls-ev-alice')
    const theirs = uniqueName('mtls-ev-bob')
    containers.push(mine, theirs)
    assert.equal((await as('alice', ['run', '-d', '--name', mine, BUSYBOX_IMAGE, 'true'])).code, 0)
    assert.equal((await as('bob', ['run', '-d', '--name', theirs, BUSYBOX_IMAGE, 'true'])).code, 0)
    const until = Math.floor(Date.now() / 1000) + 1
    const args = [
      'events',
      '--since',
      String(since),
      '--until',
      String(until),
      '--format',
      '{{.Actor.Attributes.name}} {{.Action}}',
    ]
    const bob = await as('bob', args)
    assert.equal(bob.code, 0, bob.stderr)
    assert.match(bob.stdout, new RegExp(`${theirs} create`))
    assert.doesNotMatch(bob.stdout, new RegExp(mine))
    const alice = await as('alice', args)
    assert.match(alice.stdout, new RegExp(`${mine} create`))
    assert.doesNotMatch(alice.stdout, new RegExp(theirs))
  })

  it('lets a viewer list everything and denies every write', async () => {
    const name = uniqueName('mtls-viewed')
    containers.push(name)
    assert.equal((await as('alice', ['run', '-d', '--name', name, BUSYBOX_IMAGE, 'sleep', '300'])).code, 0)
    const ps = await as('vic', ['ps', '--format', '{{.Names}}'])
    assert.equal(ps.code, 0, ps.stderr)
    assert.match(ps.stdout, new RegExp(name))
    assert.equal((await as('vic', ['images', '-q'])).code, 0)
    const writes: [string[], string][] = [
      [['run', '--rm', BUSYBOX_IMAGE, 'true'], 'container.create'],
      [['create', BUSYBOX_IMAGE], 'container.create'],
      [['stop', name], 'container.stop'],
      [['kill', name], 'container.kill'],
      [['rm', '-f', name], 'container.delete'],
      [['exec', name, 'true'], 'container.inspect|exec.create'],
      [['logs', name], 'container.logs|container.inspect'],
      [['rename', name, 'x'], 'container.rename'],
      [['pause', name], 'container.pause'],
      [['volume', 'create', uniqueName('v')], 'volume.create'],
      [['network', 'create', uniqueName('n')], 'network.create'],
      [['tag', BUSYBOX_IMAGE, 'x:1'], 'image.tag'],
      [['rmi', BUSYBOX_IMAGE], 'image.delete'],
      [['pull', 'busybox'], 'image.create'],
      [['container', 'prune', '-f'], 'container.prune'],
      [['volume', 'prune', '-f'], 'volume.prune'],
    ]
    for (const [args, kind] of writes) {
      const r = await as('vic', args)
      assert.notEqual(r.code, 0, `viewer ${args.join(' ')}`)
      assert.match(
        r.stderr,
        new RegExp(`airlock: denied: role viewer may not (${kind})`),
        `viewer ${args.join(' ')}: ${r.stderr}`,
      )
    }
    assert.equal(await running(name), true)
  })

  it('refuses callers without a client certificate at the TLS handshake, with the CLI saying why', async () => {
    const noCert = await as('nobody', ['ps'])
    assert.notEqual(noCert.code, 0)
    assert.match(noCert.stderr, /tls: certificate required|bad certificate/)
    const plain = await docker(['ps'], { host, timeoutMs: 30_000 })
    assert.notEqual(plain.code, 0)
    assert.match(plain.stderr, /error during connect|EOF|connection reset/)
    const otherCa = tempDir('identity-other-ca')
    try {
      initCertificates({ dir: join(otherCa.path, 'tls') })
      const mallory = issueClientCertificate({
        dir: join(otherCa.path, 'tls'),
        name: 'alice',
        role: 'admin',
        out: join(otherCa.path, 'm'),
      })
      const { copyFileSync } = await import('node:fs')
      copyFileSync(join(tls, 'ca.pem'), join(mallory, 'ca.pem'))
      const forged = await docker(['ps'], {
        host,
        env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: mallory },
      })
      assert.notEqual(forged.code, 0)
      // TLS 1.3 checks the client certificate after the client's Finished: the CLI sees the alert, or
      // a reset when its request crossed it on the wire.
      assert.match(
        forged.stderr,
        /tls: (bad certificate|unknown certificate authority|certificate required)|remote error|EOF|connection reset by peer/,
      )
      assert.doesNotMatch(forged.stdout, /CONTAINER ID/)
    } finally {
      otherCa.remove()
    }
  })

  it('records every call with the caller identity from the certificate', () => {
    const store = SqliteStore.open({ dataDir, readonly: true })
    try {
      const all = store.query({ limit: 100_000 })
      const alice = all.filter((e) => e.caller.user === 'alice')
      assert.ok(alice.length > 0)
      assert.ok(
        alice.every(
          (e) => e.caller.via === 'mtls' && e.caller.role === 'developer' && e.caller.groups.includes('dev'),
        ),
      )
      const bobDenied = all.filter((e) => e.caller.user === 'bob' && e.status === 404)
      assert.ok(
        bobDenied.some((e) => e.actionKind === 'container.delete'),
        'the hidden rm is recorded',
      )
      const vic = all.filter((e) => e.caller.user === 'vic' && e.decision === 'deny')
      assert.ok(
        vic.some(
          (e) =>
            e.actionKind === 'container.create' && e.status === 403 && /role viewer may not/.test(e.message),
        ),
      )
      assert.ok(!all.some((e) => e.caller.user === 'unauthenticated' && e.decision === 'allow'))
    } finally {
      store.close()
    }
    rmSync(join(work.path, 'stolen'), { force: true })
  })
})
