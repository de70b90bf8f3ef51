import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DOCKER_CLI_CREATE_BODY } from '../../../../bench/go-json.js'
import { decodeGo, encodeGo } from '../../../../src/engine-api/go-json/index.js'
import { CreateRequest } from '../../../../src/engine-api/moby-types/index.js'
import { obj } from './helpers.js'

/** docker-compose 1.29 (docker-py): Python's json.dumps, ", " and ": " separators, \u escapes. */
const DOCKER_PY_CREATE_BODY = Buffer.from(
  '{"Image": "busybox:latest", "Cmd": ["sleep", "1000"], "Labels": {"com.docker.compose.config-hash": ' +
    '"5d6b8b6d0c", "com.docker.compose.container-number": "1", "com.docker.compose.oneoff": "False", ' +
    '"com.docker.compose.project": "demo", "com.docker.compose.service": "web", ' +
    '"com.docker.compose.version": "1.29.2", "org.example.owner": "caf\\u00e9"}, "Env": ["A=1"], ' +
    '"Volumes": {"/data": {}}, "HostConfig": {"NetworkMode": "demo_default", "VolumesFrom": [], ' +
    '"Binds": ["/srv/data:/data:rw"], "PortBindings": {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}, ' +
    '"Links": [], "LogConfig": {"Type": "", "Config": {}}, "Memory": 268435456, "CapAdd": ["NET_BIND_SERVICE"], ' +
    '"CapDrop": ["ALL"], "ReadonlyRootfs": true}, "NetworkingConfig": {"EndpointsConfig": {"demo_default": ' +
    '{"Aliases": ["web"], "IPAMConfig": {}}}}, "ExposedPorts": {"80/tcp": {}}, "Tty": false, "OpenStdin": false, ' +
    '"StdinOnce": false, "AttachStdin": false, "AttachStdout": false, "AttachStderr": false, "NetworkDisabled": false}',
)

function dropNullFields(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNullFields)
  if (v === null || typeof v !== 'object') return v
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== null)
      .map(([k, x]) => [k, dropNullFields(x)]),
  )
}

describe('go-json on real create bodies', () => {
  it('decodes the docker CLI body as dockerd does', () => {
    const { value, unknown } = decodeGo(CreateRequest, DOCKER_CLI_CREATE_BODY)
    assert.deepEqual(unknown, [])
    assert.equal(value.Image, 'airlock-test/busybox:1')
    assert.deepEqual(value.Cmd, ['sleep', '1000'])
    assert.equal(value.Entrypoint, undefined)
    assert.deepEqual(value.ExposedPorts, new Map([['80/tcp', obj({})]]))
    const hc = value.HostConfig!
    assert.deepEqual(hc.Binds, ['/srv/data:/data'])
    assert.deepEqual(hc.PortBindings, new Map([['80/tcp', [obj({ HostIp: '', HostPort: '8080' })]]]))
    assert.equal(hc.Memory, 268435456n)
    assert.deepEqual(hc.CapAdd, ['NET_BIND_SERVICE'])
    assert.deepEqual(hc.CapDrop, ['ALL'])
    assert.equal(hc.ReadonlyRootfs, true)
    assert.equal(hc.Privileged, false)
    assert.deepEqual(hc.ConsoleSize, [0n, 0n])
    assert.deepEqual(hc.Dns, [])
    assert.equal(hc.MaskedPaths, undefined)
    assert.equal(hc.MemorySwappiness, undefined)
    assert.equal(hc.OomKillDisable, false)
    assert.deepEqual(value.NetworkingConfig, obj({ EndpointsConfig: new Map() }))
  })

  it('re-encodes the docker CLI body to the same JSON minus nulls, and round-trips', () => {
    const { value } = decodeGo(CreateRequest, DOCKER_CLI_CREATE_BODY)
    const text = encodeGo(CreateRequest, value)
    assert.deepEqual(JSON.parse(text), dropNullFields(JSON.parse(DOCKER_CLI_CREATE_BODY.toString())))
    assert.deepEqual(decodeGo(CreateRequest, Buffer.from(text)).value, value)
  })

  it('decodes the docker-py (compose 1.29) body', () => {
    const { value, unknown } = decodeGo(CreateRequest, DOCKER_PY_CREATE_BODY)
    assert.deepEqual(unknown, [])
    assert.equal(value.Labels?.get('org.example.owner'), 'caf\u00e9')
    assert.deepEqual(value.Volumes, new Map([['/data', obj({})]]))
    assert.equal(value.NetworkDisabled, false)
    assert.deepEqual(value.HostConfig?.VolumesFrom, [])
    assert.deepEqual(value.HostConfig?.Links, [])
    assert.equal(value.HostConfig?.NetworkMode, 'demo_default')
    const endpoint = value.NetworkingConfig?.EndpointsConfig?.get('demo_default')
    assert.deepEqual(endpoint, obj({ IPAMConfig: obj({}), Aliases: ['web'] }))
    const again = decodeGo(CreateRequest, Buffer.from(encodeGo(CreateRequest, value)))
    assert.deepEqual(again.value, value)
  })
})
