import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { authorize } from '../../../src/enforce/proxy/authorize-pass.js'
import { classify } from '../../../src/enforce/proxy/classify-pass.js'
import type { Exchange } from '../../../src/enforce/proxy/exchange.js'
import { interpret } from '../../../src/enforce/proxy/interpret-pass.js'
import { ownership } from '../../../src/enforce/proxy/ownership-pass.js'
import { readBody } from '../../../src/enforce/proxy/read-body.js'
import { Refusal } from '../../../src/enforce/proxy/refusal.js'
import type { LookupResult, UpstreamLookup } from '../../../src/enforce/proxy/upstream-lookup.js'
import { interpretRequest } from '../../../src/engine-api/interpret/index.js'
import type { Identity } from '../../../src/model/identity.js'
import { builtinPolicy } from '../../../src/policy/profiles.js'
import { stubExchange } from './fixtures.js'

const A = 'a'.repeat(64)
const B = 'b'.repeat(64)
const owner = (user: string) => ({ 'airlock.owner': user })

/** The daemon as the ownership pass sees it: inspect answers by path, 404 otherwise. */
function daemon(table: Record<string, unknown>): UpstreamLookup & { asked: string[] } {
  const asked: string[] = []
  return {
    asked,
    get: async (path): Promise<LookupResult> => {
      asked.push(path)
      return path in table
        ? { status: 200, json: table[path] }
        : { status: 404, json: { message: 'no such object' } }
    },
  }
}

const world = daemon({
  '/containers/web/json': { Id: A, Config: { Labels: owner('alice') } },
  [`/containers/${A}/json`]: { Id: A, Config: { Labels: owner('alice') } },
  '/containers/aaa/json': { Id: A, Config: { Labels: owner('alice') } },
  '/containers/db/json': { Id: B, Config: { Labels: owner('bob') } },
  '/containers/bbb/json': { Id: B, Config: { Labels: owner('bob') } },
  '/exec/e1/json': { ID: 'e1', ContainerID: A },
  '/exec/e2/json': { ID: 'e2', ContainerID: B },
  '/volumes/avol': { Name: 'avol', Labels: owner('alice') },
  '/volumes/bvol': { Name: 'bvol', Labels: owner('bob') },
  '/networks/anet': { Id: 'n'.repeat(64), Name: 'anet', Labels: owner('alice') },
  '/networks/bnet': { Id: 'm'.repeat(64), Name: 'bnet', Labels: owner('bob') },
  '/networks/bridge': { Id: 'f'.repeat(64), Name: 'bridge', Labels: {} },
  '/images/shared:1/json': { Id: 'sha256:1', Config: { Labels: {} } },
  '/images/mine:1/json': { Id: 'sha256:2', Config: { Labels: owner('alice') } },
})

const alice: Identity = { user: 'alice', groups: [], via: 'token' }

async function through(
  method: string,
  target: string,
  opts: { body?: unknown; identity?: Identity } = {},
): Promise<Exchange> {
  const body = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body))
  const ex = stubExchange({
    method,
    target,
    ...(body && {
      body,
      rawHeaders: [
        'Host',
        'docker',
        'Content-Type',
        'application/json',
        'Content-Length',
        String(body.length),
      ],
    }),
  })
  ex.identity = opts.identity ?? alice
  const policy = builtinPolicy()
  classify(ex, '1.41')
  authorize(ex, policy)
  await readBody(ex, { maxBody: 1 << 20, maxJsonBody: 1 << 20 })
  interpret(ex, interpretRequest)
  await ownership(ex, world)
  return ex
}

const refused = (status: number, re: RegExp) => (e: unknown) =>
  e instanceof Refusal && e.status === status && re.test(e.message)

describe('ownership pass: references', () => {
  it('resolves a container by name or id prefix and forwards its full id', async () => {
    for (const ref of ['web', 'aaa', A]) {
      const ex = await through('POST', `/v1.41/containers/${ref}/stop?t=1`)
      assert.equal(ex.request?.forwardTarget, `/v1.41/containers/${A}/stop?t=1`)
      assert.equal(ex.resolved?.id, A)
    }
    const ex = await through('GET', `/containers/web/logs?stdout=1`)
    assert.equal(ex.request?.forwardTarget, `/containers/${A}/logs?stdout=1`)
  })
  it("answers another user's container, and a missing one, with dockerd's 404", async () => {
    for (const [method, path] of [
      ['GET', '/v1.41/containers/db/json'],
      ['GET', '/v1.41/containers/bbb/logs'],
      ['DELETE', '/v1.41/containers/db?force=1'],
      ['POST', '/v1.41/containers/db/attach?stream=1'],
      ['POST', '/v1.41/containers/ghost/start'],
      ['GET', '/v1.41/containers/db/archive?path=/etc'],
    ] as const) {
      await assert.rejects(through(method, path), refused(404, /^No such container: (db|bbb|ghost)$/), path)
    }
    await assert.rejects(
      through('POST', '/v1.41/containers/db/exec', { body: { Cmd: ['id'] } }),
      refused(404, /No such container: db/),
    )
  })
  it('resolves exec instances through their container', async () => {
    const ok = await through('POST', '/v1.41/exec/e1/start', { body: { Detach: false } })
    assert.equal(ok.request?.forwardTarget, '/v1.41/exec/e1/start')
    await assert.rejects(
      through('POST', '/v1.41/exec/e2/start', { body: {} }),
      refused(404, /^No such exec instance: e2$/),
    )
    await assert.rejects(through('GET', '/v1.41/exec/e2/json'), refused(404, /No such exec instance/))
  })
  it('checks volumes and networks; shared networks can be used but not removed', async () => {
    assert.equal((await through('DELETE', '/v1.41/volumes/avol')).resolved?.id, 'avol')
    await assert.rejects(through('GET', '/v1.41/volumes/bvol'), refused(404, /^get bvol: no such volume$/))
    const net = await through('GET', '/v1.41/networks/anet')
    assert.equal(net.request?.forwardTarget, `/v1.41/networks/${'n'.repeat(64)}`)
    await assert.rejects(through('DELETE', '/v1.41/networks/bnet'), refused(404, /^network bnet not found$/))
    await through('GET', '/v1.41/networks/bridge')
    await assert.rejects(
      through('DELETE', '/v1.41/networks/bridge'),
      refused(404, /network bridge not found/),
    )
    const conn = await through('POST', '/v1.41/networks/anet/connect', { body: { Container: 'web' } })
    assert.deepEqual(
      JSON.parse(
        conn.interpretation?.body.kind === 'encoded' ? conn.interpretation.body.encode([]).toString() : '{}',
      ).Container,
      A,
    )
    await assert.rejects(
      through('POST', '/v1.41/networks/anet/connect', { body: { Container: 'db' } }),
      refused(404, /No such container: db/),
    )
    await assert.rejects(
      through('POST', '/v1.41/networks/bridge/disconnect', { body: { Container: 'db' } }),
      refused(404, /No such container: db/),
    )
  })
  it('admins and anonymous callers are not scoped (no lookups for plain reads)', async () => {
    const before = world.asked.length
    const ex = await through('GET', '/v1.41/containers/db/json', {
      identity: { user: 'root', groups: [], role: 'admin', via: 'mtls' },
    })
    assert.equal(ex.request?.forwardTarget, '/v1.41/containers/db/json')
    await through('GET', '/v1.41/containers/json', {
      identity: { user: 'listener:x', groups: [], via: 'listener' },
    })
    assert.equal(world.asked.length, before)
  })
})

describe('ownership pass: lists, prunes and events', () => {
  it('adds the owner label filter to the client filters', async () => {
    const ex = await through(
      'GET',
      `/v1.41/containers/json?all=1&filters=${encodeURIComponent('{"label":["app=web"]}')}&filters=x`,
    )
    assert.deepEqual(ex.request?.query.get('filters'), [
      '{"label":{"airlock.owner=alice":true,"app=web":true}}',
    ])
    assert.match(ex.request?.forwardTarget ?? '', /^\/v1\.41\/containers\/json\?all=1&filters=%7B%22label/)
    for (const path of [
      '/v1.41/volumes',
      '/v1.41/networks',
      '/v1.41/events?since=1',
      '/v1.41/containers/prune',
      '/v1.41/images/prune',
      '/v1.41/volumes/prune',
      '/v1.41/networks/prune',
    ]) {
      const method = path.includes('prune') ? 'POST' : 'GET'
      const e = await through(method, path)
      assert.deepEqual(e.request?.query.get('filters'), ['{"label":{"airlock.owner=alice":true}}'], path)
    }
  })
  it('refuses filters dockerd would refuse', async () => {
    await assert.rejects(
      through('GET', `/v1.41/containers/json?filters=${encodeURIComponent('{"label":"x"}')}`),
      refused(400, /invalid filter/),
    )
  })
})

describe('ownership pass: creates', () => {
  it('refuses reserved labels from any caller', async () => {
    await assert.rejects(
      through('POST', '/v1.41/containers/create', { body: { Image: 'x', Labels: owner('bob') } }),
      refused(403, /label airlock\.owner is reserved/),
    )
    await assert.rejects(
      through('POST', '/v1.41/volumes/create', {
        body: { Name: 'v', Labels: { 'airlock.grant': 'g-1' } },
        identity: { user: 'l', groups: [], via: 'listener' },
      }),
      refused(403, /airlock\.grant is reserved/),
    )
    await assert.rejects(
      through('POST', `/v1.41/build?labels=${encodeURIComponent('{"airlock.owner":"bob"}')}`),
      refused(403, /reserved/),
    )
  })
  it('labels volumes, networks and builds with the owner', async () => {
    const vol = await through('POST', '/v1.41/volumes/create', {
      body: { Name: 'newvol', Labels: { a: 'b' } },
    })
    const sent =
      vol.interpretation?.body.kind === 'encoded'
        ? JSON.parse(vol.interpretation.body.encode([]).toString())
        : {}
    assert.deepEqual(sent.Labels, { a: 'b', 'airlock.owner': 'alice' })
    const net = await through('POST', '/v1.41/networks/create', {
      body: { Name: 'newnet', CheckDuplicate: true },
    })
    assert.deepEqual(
      net.interpretation?.body.kind === 'encoded' &&
        JSON.parse(net.interpretation.body.encode([]).toString()).Labels,
      { 'airlock.owner': 'alice' },
    )
    const build = await through('POST', '/v1.41/build?t=new:1')
    assert.deepEqual(build.request?.query.get('labels'), ['{"airlock.owner":"alice"}'])
    await assert.rejects(
      through('POST', '/v1.41/volumes/create', { body: { Name: 'bvol' } }),
      refused(409, /exists and is not yours/),
    )
  })
  it("refuses joining, taking volumes from or linking to another user's container, and rewrites own ones to full ids", async () => {
    for (const hc of [
      { NetworkMode: 'container:db' },
      { PidMode: 'container:bbb' },
      { IpcMode: 'container:db' },
      { VolumesFrom: ['db:ro'] },
      { Links: ['db:database'] },
    ]) {
      await assert.rejects(
        through('POST', '/v1.41/containers/create', { body: { Image: 'x', HostConfig: hc } }),
        refused(400, /^(could not get container for db: )?No such container: (db|bbb)$/),
        JSON.stringify(hc),
      )
    }
    const ex = await through('POST', '/v1.41/containers/create', {
      body: { Image: 'x', HostConfig: { PidMode: 'container:web', VolumesFrom: ['web:ro'], Links: ['web'] } },
    })
    assert.deepEqual(
      ex.extraMutations?.map((m) => [m.path.join('.'), m.value]),
      [
        ['namespaces.pid', `container:${A}`],
        ['volumesFrom', [`${A}:ro`]],
        ['links', [`${A}:web`]],
      ],
    )
    assert.equal(ex.action?.kind === 'container.create' && ex.action.spec.namespaces.pid, `container:${A}`)
  })
  it("refuses another user's (or a missing) named volume and network", async () => {
    await assert.rejects(
      through('POST', '/v1.41/containers/create', {
        body: { Image: 'x', HostConfig: { Binds: ['bvol:/data'] } },
      }),
      refused(403, /volume "bvol" is not one of yours/),
    )
    await assert.rejects(
      through('POST', '/v1.41/containers/create', {
        body: { Image: 'x', HostConfig: { Binds: ['fresh:/data'] } },
      }),
      refused(403, /docker volume create fresh/),
    )
    await through('POST', '/v1.41/containers/create', {
      body: { Image: 'x', HostConfig: { Binds: ['avol:/data'], NetworkMode: 'anet' } },
    })
    await assert.rejects(
      through('POST', '/v1.41/containers/create', {
        body: { Image: 'x', HostConfig: { NetworkMode: 'bnet' } },
      }),
      refused(400, /network bnet not found/),
    )
    await assert.rejects(
      through('POST', '/v1.41/containers/create', {
        body: { Image: 'x', NetworkingConfig: { EndpointsConfig: { bnet: {} } } },
      }),
      refused(400, /network bnet not found/),
    )
    await through('POST', '/v1.41/containers/create', {
      body: { Image: 'x', HostConfig: { NetworkMode: 'bridge' } },
    })
  })
  it('images are shared for reading; only their owner (or an admin) removes or retags them', async () => {
    await through('GET', '/v1.41/images/shared:1/json')
    await through('DELETE', '/v1.41/images/mine:1')
    await assert.rejects(
      through('DELETE', '/v1.41/images/shared:1'),
      refused(403, /image shared:1 is not yours/),
    )
    await assert.rejects(
      through('POST', '/v1.41/images/mine:1/tag?repo=shared&tag=1'),
      refused(403, /name shared:1 is taken/),
    )
    await through('POST', '/v1.41/images/shared:1/tag?repo=mine&tag=2')
    await assert.rejects(through('POST', '/v1.41/build?t=shared:1'), refused(403, /taken/))
    await assert.rejects(
      through('POST', '/v1.41/commit?container=db&repo=x'),
      refused(404, /No such container: db/),
    )
    const commit = await through('POST', '/v1.41/commit?container=web&repo=mine&tag=3')
    assert.deepEqual(commit.request?.query.get('container'), [A])
    await assert.rejects(
      through('POST', '/v1.41/images/create?fromSrc=-&repo=shared&tag=1'),
      refused(403, /taken/),
    )
  })
})
