import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { classifyRequest } from '../../../src/engine-api/classify.js'
import { interpretRequest } from '../../../src/engine-api/interpret/index.js'
import { AmbiguousRequestError, InputError } from '../../../src/errors.js'
import type { Action, ActionOf } from '../../../src/model/action.js'
import { decide } from '../../../src/policy/decide.js'
import { builtinPolicy } from '../../../src/policy/profiles.js'

const JSON_CT = { 'content-type': 'application/json' }

function interp(method: string, target: string, body?: unknown, headers: Record<string, string> = JSON_CT) {
  const buf =
    body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))
  return interpretRequest({ req: classifyRequest(method, target), body: buf, headers })
}

function kindOf<K extends Action['kind']>(a: Action, kind: K): ActionOf<K> {
  assert.equal(a.kind, kind)
  return a as ActionOf<K>
}

describe('container create', () => {
  it('reads a docker CLI body and re-encodes it canonically with the decision mutations', () => {
    const i = interp('POST', '/v1.41/containers/create?name=web', {
      Image: 'airlock-test/busybox:1',
      hostconfig: { Binds: ['/srv/data:/data:ro'], privileged: false },
    })
    const a = kindOf(i.action, 'container.create')
    assert.equal(a.spec.name, 'web')
    assert.deepEqual(
      a.spec.mounts.map((m) => [m.type, m.source, m.target, m.readOnly]),
      [['bind', '/srv/data', '/data', true]],
    )
    const d = decide(i.action, builtinPolicy())
    assert.equal(d.allowed, true)
    assert.equal(i.body.kind, 'encoded')
    if (i.body.kind !== 'encoded') return
    const sent = JSON.parse(i.body.encode(d.mutations).toString()) as { HostConfig: Record<string, unknown> }
    assert.deepEqual(sent.HostConfig['SecurityOpt'], ['no-new-privileges=true'])
    assert.equal(sent.HostConfig['PidsLimit'], 4096)
    assert.equal(sent.HostConfig['Privileged'], false)
    assert.ok(!('hostconfig' in sent), 'keys are canonical')
  })

  it('refuses top-level HostConfig fields (applied by 20.10, ignored by newer daemons)', () => {
    assert.throws(
      () => interp('POST', '/v1.41/containers/create', { Image: 'x', privileged: true }),
      (e: unknown) => e instanceof AmbiguousRequestError && /top-level privileged/.test(e.message),
    )
    assert.throws(
      () => interp('POST', '/v1.41/containers/create', { Image: 'x', HostConfig: null, Binds: ['/:/h'] }),
      AmbiguousRequestError,
    )
  })

  it('refuses the removed HostConfig.Capabilities field', () => {
    assert.throws(
      () =>
        interp('POST', '/v1.41/containers/create', {
          Image: 'x',
          HostConfig: { capabilities: ['CAP_SYS_ADMIN'] },
        }),
      /Capabilities/i,
    )
  })

  it('refuses duplicate keys, trailing data and non-JSON content types', () => {
    assert.throws(
      () =>
        interp(
          'POST',
          '/v1.41/containers/create',
          '{"Image":"x","HostConfig":{"Privileged":false,"privileged":true}}',
        ),
      AmbiguousRequestError,
    )
    assert.throws(
      () => interp('POST', '/v1.41/containers/create', '{"Image":"x"} {"HostConfig":{}}'),
      AmbiguousRequestError,
    )
    assert.throws(
      () => interp('POST', '/v1.41/containers/create', { Image: 'x' }, { 'content-type': 'text/plain' }),
      InputError,
    )
    assert.throws(() => interp('POST', '/v1.41/containers/create', ''), InputError)
  })

  it('pins the cgroup namespace to private for API < 1.41 (dockerd defaults those to the host one on cgroup v1)', () => {
    const i = interp('POST', '/v1.40/containers/create', { Image: 'x' })
    assert.deepEqual(
      i.normalizations.map((m) => [m.path.join('.'), m.value]),
      [['namespaces.cgroup', 'private']],
    )
    assert.equal(kindOf(i.action, 'container.create').spec.namespaces.cgroup, 'private')
    if (i.body.kind !== 'encoded') assert.fail('encoded body expected')
    assert.equal(
      (JSON.parse(i.body.encode([]).toString()) as { HostConfig: { CgroupnsMode: string } }).HostConfig
        .CgroupnsMode,
      'private',
    )
    assert.deepEqual(interp('POST', '/v1.41/containers/create', { Image: 'x' }).normalizations, [])
  })

  it('names wire fields in denial messages', () => {
    const i = interp('POST', '/v1.41/containers/create', {
      Image: 'x',
      HostConfig: { Binds: ['/tmp:/t', '/var/run/docker.sock:/s'] },
    })
    const d = decide(i.action, builtinPolicy(), { ...(i.describePath && { describePath: i.describePath }) })
    assert.equal(d.allowed, false)
    assert.match(d.message, /HostConfig\.Binds\[1\]/)
  })
})

describe('container start', () => {
  it('decides on the HostConfig body of API < 1.24 like a create', () => {
    const i = interp('POST', '/v1.23/containers/web/start', { Privileged: true })
    const a = kindOf(i.action, 'container.start')
    assert.equal(a.target, 'web')
    assert.equal(a.hostConfig?.privileged, true)
    assert.equal(decide(i.action, builtinPolicy()).allowed, false)
  })
  it('refuses a body from API 1.24 on, and ignores bodies of 7 bytes or less', () => {
    assert.throws(
      () => interp('POST', '/v1.41/containers/web/start', { Privileged: true }),
      /removed in v1\.24/,
    )
    const i = interp('POST', '/v1.41/containers/web/start', '{}')
    assert.equal(i.body.kind, 'none')
    assert.equal(kindOf(i.action, 'container.start').hostConfig, undefined)
  })
})

describe('container update', () => {
  it('reads what dockerd applies and lists what it ignores', () => {
    const i = interp('POST', '/v1.41/containers/web/update', {
      Memory: 0,
      PidsLimit: -1,
      Devices: [],
      RestartPolicy: { Name: 'always' },
    })
    const a = kindOf(i.action, 'container.update')
    assert.equal(a.memory, undefined)
    assert.equal(a.pidsLimit, -1)
    assert.deepEqual(a.restartPolicy, { name: 'always', maximumRetryCount: 0 })
    assert.deepEqual(a.ignoredFields, ['Devices'])
    assert.equal(decide(i.action, builtinPolicy()).allowed, false, 'removing the PIDs limit is denied')
  })
  it('ignores PidsLimit before API 1.40, as dockerd does', () => {
    assert.equal(
      kindOf(interp('POST', '/v1.39/containers/web/update', { PidsLimit: -1 }).action, 'container.update')
        .pidsLimit,
      undefined,
    )
  })
})

describe('exec', () => {
  it('reads privileged execs and refuses an empty command', () => {
    const i = interp('POST', '/v1.41/containers/web/exec', { Cmd: ['sh'], privileged: true, User: '0' })
    const a = kindOf(i.action, 'exec.create')
    assert.equal(a.privileged, true)
    assert.equal(decide(i.action, builtinPolicy()).allowed, false)
    assert.throws(() => interp('POST', '/v1.41/containers/web/exec', { Cmd: [] }), /No exec command/)
  })
  it('re-encodes exec start bodies', () => {
    const i = interp('POST', '/v1.41/exec/abc/start', { detach: false, Tty: true })
    if (i.body.kind !== 'encoded') assert.fail('encoded body expected')
    assert.deepEqual(JSON.parse(i.body.encode([]).toString()), { Detach: false, Tty: true })
  })
})

describe('build', () => {
  it('reads the options that change what a build reaches', () => {
    const q = new URLSearchParams({
      networkmode: 'host',
      t: 'a:1',
      buildargs: '{"X":"1","Y":null}',
      ulimits: '[{"Name":"nofile","Hard":10,"Soft":5}]',
    })
    const a = kindOf(interp('POST', `/v1.41/build?${q}`, undefined, {}).action, 'image.build')
    assert.equal(a.networkMode, 'host')
    assert.deepEqual(a.tags, ['a:1'])
    assert.deepEqual(a.buildArgs, { X: '1', Y: null })
    assert.deepEqual(a.ulimits, [{ name: 'nofile', soft: 5, hard: 10 }])
  })
  it('refuses JSON parameters dockerd could read differently, and security options', () => {
    assert.throws(
      () =>
        interp('POST', `/v1.41/build?buildargs=${encodeURIComponent('{"X":"1","X":"2"}')}`, undefined, {}),
      /buildargs/,
    )
    assert.throws(
      () => interp('POST', '/v1.41/build?securityopt=seccomp%3Dunconfined', undefined, {}),
      /security options/,
    )
  })
})

describe('other endpoints', () => {
  it('image create: a pull ignores the body, an import from "-" streams it', () => {
    assert.equal(interp('POST', '/v1.41/images/create?fromImage=busybox&tag=1').body.kind, 'none')
    const imp = interp('POST', '/v1.41/images/create?fromSrc=-&repo=x')
    assert.equal(imp.body.kind, 'stream')
    assert.equal(
      kindOf(interp('POST', '/v1.41/images/create?fromSrc=http://169.254.169.254/').action, 'image.create')
        .fromSrc,
      'http://169.254.169.254/',
    )
  })
  it('volume create with a bind to /etc is denied', () => {
    const i = interp('POST', '/v1.41/volumes/create', {
      Name: 'v',
      DriverOpts: { type: 'none', o: 'bind', device: '/etc' },
    })
    assert.equal(decide(i.action, builtinPolicy()).allowed, false)
  })
  it('plugin pull carries the privileges asked for', () => {
    const i = interp('POST', '/v1.41/plugins/pull?remote=vieux/sshfs&name=sshfs', [
      { Name: 'network', Description: '', Value: ['host'] },
    ])
    assert.deepEqual(kindOf(i.action, 'plugin.pull').privileges, [{ name: 'network', value: ['host'] }])
  })
  it('route-only JSON bodies must be unambiguous', () => {
    assert.throws(
      () => interp('POST', '/v1.41/swarm/init', { ListenAddr: 'x', listenaddr: 'y' }),
      /same field/,
    )
    assert.throws(
      () => interp('POST', '/v1.41/secrets/create', '{"Name":"a","Name":"b"}'),
      AmbiguousRequestError,
    )
    const i = interp('POST', '/v1.41/swarm/init', { ListenAddr: '0.0.0.0:2377' })
    assert.equal(i.action.kind, 'swarm.init')
  })
  it('routes without a body forward none', () => {
    assert.equal(interp('POST', '/v1.41/containers/web/kill?signal=KILL', 'ignored').body.kind, 'none')
    assert.equal(interp('GET', '/v1.41/containers/json').action.kind, 'container.list')
  })
})
