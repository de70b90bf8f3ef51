import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { runningContainers } from '../../../src/dashboard/running-containers.js'
import { parsePolicy } from '../../../src/policy/load-policy.js'
import { builtinPolicy } from '../../../src/policy/profiles.js'
import type { EngineClient } from '../../../src/scan/engine-client.js'

function inspect(name: string, hostConfig: Record<string, unknown>) {
  return {
    Id: `${name}-id`,
    Name: `/${name}`,
    Image: 'sha256:abc',
    Config: { Image: `registry.example.com/${name}:1`, User: '1000' },
    HostConfig: { NetworkMode: 'bridge', ...hostConfig },
  }
}

function fakeEngine(cgroup: string): EngineClient & { paths: string[] } {
  const paths: string[] = []
  const bodies: Record<string, unknown> = {
    '/containers/json': [
      { Id: 'agent-id', Names: ['/agent'] },
      { Id: 'web-id', Names: ['/web'] },
      { Id: 'gone-id', Names: ['/gone'] },
      { Id: 'broken-id', Names: ['/broken'] },
    ],
    '/info': { CgroupVersion: cgroup },
    '/containers/agent-id/json': inspect('agent', { Privileged: true, CgroupnsMode: 'host' }),
    '/containers/web-id/json': inspect('web', { CgroupnsMode: 'host' }),
  }
  return {
    host: 'unix:///var/run/docker.sock',
    tls: false,
    paths,
    async get(path: string) {
      paths.push(path)
      if (path === '/containers/broken-id/json') return { status: 500, body: Buffer.from('{}') }
      const body = bodies[path]
      if (body === undefined) return { status: 404, body: Buffer.from('{"message":"no such container"}') }
      return { status: 200, body: Buffer.from(JSON.stringify(body)) }
    },
  }
}

describe('runningContainers', () => {
  it('judges each running container as it runs, skipping the ones that went away', async () => {
    const engine = fakeEngine('2')
    const r = await runningContainers(engine, builtinPolicy('baseline'))
    assert.deepEqual(
      r.items.map((c) => c.name),
      ['agent', 'web'],
    )
    assert.deepEqual(r.errors, ['broken: inspect answered 500'])
    const agent = r.items[0]
    assert.equal(agent?.image, 'registry.example.com/agent:1')
    assert.ok(agent?.findings.some((f) => f.ruleId === 'AL-0001' && f.result === 'fail'))
    assert.equal(engine.paths[0], '/containers/json', 'running containers only')
  })

  it('on cgroup v1 a host cgroup namespace is the daemon default, not a finding', async () => {
    const slug = 'no-host-cgroupns'
    const v2 = await runningContainers(fakeEngine('2'), builtinPolicy('restricted'))
    const v1 = await runningContainers(fakeEngine('1'), builtinPolicy('restricted'))
    const has = (r: typeof v1) => r.items.find((c) => c.name === 'web')?.findings.some((f) => f.slug === slug)
    assert.equal(has(v2), true)
    assert.equal(has(v1), false)
  })

  it('shows exemptions as waived, and no secure defaults are assumed', async () => {
    const policy = parsePolicy(
      'exemptions:\n  - name: agent\n    rules: [no-privileged]\n    images: ["registry.example.com/agent:1"]\n    reason: it needs it\n',
      'p.yaml',
    )
    const r = await runningContainers(fakeEngine('2'), policy)
    const f = r.items[0]?.findings.find((x) => x.ruleId === 'AL-0001')
    assert.equal(f?.waivedBy, 'agent')
  })

  it('a daemon that does not list containers is an error', async () => {
    const engine: EngineClient = {
      host: 'x',
      tls: false,
      get: async () => ({ status: 500, body: Buffer.from('') }),
    }
    await assert.rejects(runningContainers(engine, builtinPolicy()), /answered 500/)
  })
})
