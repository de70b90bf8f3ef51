import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Refusal } from '../../../src/enforce/proxy/refusal.js'
import { resolveAction } from '../../../src/enforce/proxy/resolve.js'
import { realHostPath } from '../../../src/enforce/proxy/resolve-bind-sources.js'
import type { LookupResult, UpstreamLookup } from '../../../src/enforce/proxy/upstream-lookup.js'
import { action } from '../../../src/model/action.js'
import type { ContainerSpecInput } from '../../../src/model/container-spec.js'

/** A daemon stub: answers GET paths from a table, 404 otherwise, and remembers what was asked. */
function daemon(table: Record<string, unknown>): UpstreamLookup & { asked: string[] } {
  const asked: string[] = []
  return {
    asked,
    get: async (path): Promise<LookupResult> => {
      asked.push(path)
      if (path in table) {
        const v = table[path]
        if (v instanceof Error) throw v
        return { status: 200, json: v }
      }
      return { status: 404, json: { message: `No such object: ${path}` } }
    },
  }
}

const create = (spec: ContainerSpecInput) => action({ kind: 'container.create', spec })

async function resolved(
  spec: ContainerSpecInput,
  lookup: UpstreamLookup,
  realpath?: (p: string) => Promise<string>,
) {
  const out = await resolveAction(create(spec), {
    lookup,
    local: realpath !== undefined,
    ...(realpath && { realpath }),
  })
  assert.equal(out.kind, 'container.create')
  return (out as Extract<typeof out, { kind: 'container.create' }>).spec
}

describe('resolve pass', () => {
  it('does no I/O for actions without a container spec', async () => {
    const d = daemon({})
    const a = action({ kind: 'container.kill', target: 'web' })
    assert.equal(await resolveAction(a, { lookup: d, local: true }), a)
    assert.deepEqual(d.asked, [])
  })

  it('marks a namespace joined through a host-network container as the host one', async () => {
    const d = daemon({ '/containers/agent/json': { HostConfig: { NetworkMode: 'host', PidMode: '' } } })
    const spec = await resolved({ image: 'x', namespaces: { network: 'container:agent' } }, d)
    assert.deepEqual(spec.namespaces.joinedHost, ['network'])
  })

  it('treats the pid namespace of a privileged container as the host one, following chains', async () => {
    const d = daemon({
      '/containers/a/json': { HostConfig: { PidMode: 'container:b' } },
      '/containers/b/json': { HostConfig: { PidMode: '', Privileged: true } },
    })
    const spec = await resolved({ image: 'x', namespaces: { pid: 'container:a', ipc: 'container:a' } }, d)
    assert.deepEqual(spec.namespaces.joinedHost, ['pid'])
  })

  it('denies (403) when a joined container cannot be inspected', async () => {
    await assert.rejects(
      resolved({ image: 'x', namespaces: { uts: 'container:ghost' } }, daemon({})),
      (e) =>
        e instanceof Refusal &&
        e.status === 403 &&
        /HostConfig\.UTSMode joins container "ghost"/.test(e.message),
    )
    const down = daemon({ '/containers/db/json': new Error('connect ENOENT') })
    await assert.rejects(resolved({ image: 'x', namespaces: { network: 'container:db' } }, down), /ENOENT/)
  })

  it('appends the mounts of volumes-from containers, binds with their host source', async () => {
    const d = daemon({
      '/containers/src/json': {
        Mounts: [
          {
            Type: 'bind',
            Source: '/var/run/docker.sock',
            Destination: '/s',
            RW: true,
            Propagation: 'rprivate',
          },
          {
            Type: 'volume',
            Name: 'data',
            Source: '/var/lib/docker/volumes/data/_data',
            Destination: '/d',
            Driver: 'local',
            RW: true,
          },
        ],
      },
    })
    const spec = await resolved({ image: 'x', volumesFrom: ['src:ro'] }, d)
    assert.deepEqual(
      spec.mounts.map((m) => [m.type, m.source, m.target, m.readOnly, m.origin]),
      [
        ['bind', '/var/run/docker.sock', '/s', true, ['HostConfig', 'VolumesFrom', 0]],
        ['volume', 'data', '/d', true, ['HostConfig', 'VolumesFrom', 0]],
      ],
    )
  })

  it('denies (403) when a volumes-from container cannot be inspected', async () => {
    await assert.rejects(
      resolved({ image: 'x', volumesFrom: ['nope'] }, daemon({})),
      (e) => e instanceof Refusal && e.status === 403 && /VolumesFrom\[0\]/.test(e.message),
    )
  })

  it("copies an existing local volume's options so a pre-created bind volume is visible", async () => {
    const d = daemon({
      '/volumes/etc': { Name: 'etc', Driver: 'local', Options: { type: 'none', o: 'bind', device: '/etc' } },
      '/volumes/plain': { Name: 'plain', Driver: 'local', Options: null },
    })
    const spec = await resolved(
      {
        image: 'x',
        mounts: [
          { type: 'volume', source: 'etc', target: '/e' },
          { type: 'volume', source: 'plain', target: '/p' },
          { type: 'volume', source: 'missing', target: '/m' },
        ],
      },
      d,
    )
    assert.deepEqual(spec.mounts[0]?.volumeOptions, { type: 'none', o: 'bind', device: '/etc' })
    assert.equal(spec.mounts[1]?.volumeOptions, undefined)
    assert.equal(spec.mounts[2]?.volumeOptions, undefined)
  })

  it("sets the image's user when the image exists, and leaves it unset otherwise", async () => {
    const d = daemon({ '/images/registry.example/app:1/json': { Config: { User: 'node' } } })
    assert.equal((await resolved({ image: 'registry.example/app:1' }, d)).imageUser, 'node')
    assert.equal((await resolved({ image: 'other:1' }, d)).imageUser, undefined)
  })

  it('resolves bind sources through symlinks on the local host only', async () => {
    const links: Record<string, string> = {
      '/srv/link': '/var/run',
      '/srv/link/docker.sock': '/var/run/docker.sock',
    }
    const realpath = async (p: string) => {
      if (p in links) return links[p] as string
      if (p === '/srv' || p === '/') return p
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' })
    }
    const spec = await resolved(
      {
        image: 'x',
        mounts: [
          { type: 'bind', source: '/srv/link/docker.sock', target: '/s' },
          { type: 'bind', source: '/srv/link/new/dir', target: '/n' },
          { type: 'bind', source: '/srv', target: '/t' },
        ],
      },
      daemon({}),
      realpath,
    )
    assert.equal(spec.mounts[0]?.resolvedSource, '/var/run/docker.sock')
    assert.equal(spec.mounts[1]?.resolvedSource, '/var/run/new/dir')
    assert.equal(spec.mounts[2]?.resolvedSource, undefined)
    const remote = await resolved(
      { image: 'x', mounts: [{ type: 'bind', source: '/srv/link', target: '/s' }] },
      daemon({}),
    )
    assert.equal(remote.mounts[0]?.resolvedSource, undefined)
  })

  it('realHostPath gives up (undefined) on errors other than a missing path', async () => {
    const eacces = async () => {
      throw Object.assign(new Error('EACCES'), { code: 'EACCES' })
    }
    assert.equal(await realHostPath('/root/x', eacces), undefined)
  })
})
