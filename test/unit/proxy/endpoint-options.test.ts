import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { defaultUpstream } from '../../../src/cli/commands/proxy.js'
import { formatSize } from '../../../src/enforce/proxy/body-limit.js'
import { parserRefusal } from '../../../src/enforce/proxy/client-error.js'
import { endpointUrl, isLoopbackHost, parseEndpoint } from '../../../src/enforce/proxy/endpoint.js'
import { checkListenEndpoint } from '../../../src/enforce/proxy/listener.js'
import { PolicyHolder } from '../../../src/enforce/proxy/policy-holder.js'
import { isReadOnlyKind } from '../../../src/enforce/proxy/read-only-kinds.js'
import { groupId, userId } from '../../../src/enforce/proxy/user-ids.js'
import { InputError, PolicyError } from '../../../src/errors.js'
import { builtinPolicy } from '../../../src/policy/profiles.js'

describe('endpoints', () => {
  it('parses unix and tcp URLs and prints them back', () => {
    assert.deepEqual(parseEndpoint('unix:///run/a.sock'), { kind: 'unix', path: '/run/a.sock' })
    assert.deepEqual(parseEndpoint('tcp://127.0.0.1:2375'), { kind: 'tcp', host: '127.0.0.1', port: 2375 })
    assert.deepEqual(parseEndpoint('tcp://[::1]:2375'), { kind: 'tcp', host: '::1', port: 2375 })
    assert.equal(endpointUrl(parseEndpoint('tcp://[::1]:2375')), 'tcp://[::1]:2375')
    for (const bad of ['http://x', 'unix://', 'tcp://host', 'tcp://h:99999', '/var/run/docker.sock']) {
      assert.throws(() => parseEndpoint(bad), InputError, bad)
    }
  })

  it('refuses TCP listeners beyond loopback', () => {
    assert.equal(isLoopbackHost('127.0.0.1'), true)
    assert.equal(isLoopbackHost('127.8.9.10'), true)
    assert.equal(isLoopbackHost('::1'), true)
    assert.equal(isLoopbackHost('localhost'), true)
    assert.equal(isLoopbackHost('0.0.0.0'), false)
    assert.equal(isLoopbackHost('::'), false)
    assert.equal(isLoopbackHost('10.0.0.1'), false)
    assert.equal(isLoopbackHost('example.com'), false)
    assert.throws(() => checkListenEndpoint(parseEndpoint('tcp://0.0.0.0:2375')), /loopback/)
    checkListenEndpoint(parseEndpoint('tcp://127.0.0.1:2375'))
    checkListenEndpoint(parseEndpoint('unix:///tmp/x.sock'))
  })

  it('takes the upstream from DOCKER_HOST when it is a unix or tcp URL', () => {
    assert.equal(defaultUpstream({}), 'unix:///var/run/docker.sock')
    assert.equal(defaultUpstream({ DOCKER_HOST: 'unix:///tmp/d.sock' }), 'unix:///tmp/d.sock')
    assert.equal(defaultUpstream({ DOCKER_HOST: 'tcp://127.0.0.1:2375' }), 'tcp://127.0.0.1:2375')
    assert.equal(defaultUpstream({ DOCKER_HOST: 'ssh://me@host' }), 'unix:///var/run/docker.sock')
  })
})

describe('proxy options', () => {
  it('resolves users and groups by number or name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-ids-'))
    try {
      writeFileSync(join(dir, 'passwd'), 'root:x:0:0::/root:/bin/sh\nalice:x:1001:1001::/home/a:/bin/sh\n')
      writeFileSync(join(dir, 'group'), 'docker:x:998:alice\n')
      assert.equal(userId('1234', join(dir, 'passwd')), 1234)
      assert.equal(userId('alice', join(dir, 'passwd')), 1001)
      assert.equal(groupId('docker', join(dir, 'group')), 998)
      assert.throws(() => groupId('nobody-here', join(dir, 'group')), /unknown group "nobody-here"/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('formats sizes the way the CLI takes them', () => {
    assert.equal(formatSize(64 * 1024 * 1024), '64m')
    assert.equal(formatSize(4096), '4k')
    assert.equal(formatSize(1000), '1000')
  })

  it('keeps the policy in force when a reload fails, and says why', () => {
    let fail = false
    const holder = new PolicyHolder('p.yaml', () => {
      if (fail) throw new PolicyError('p.yaml:1:1: unknown rule "AL-9999"')
      return { ...builtinPolicy('baseline'), source: 'p.yaml' }
    })
    const first = holder.current
    fail = true
    const r = holder.reload()
    assert.equal(r.ok, false)
    assert.match(r.error ?? '', /AL-9999/)
    assert.equal(holder.current, first)
    fail = false
    assert.equal(holder.reload().ok, true)
    assert.notEqual(holder.current, first)
  })

  it('classifies read-only kinds, unknown kinds are not read-only', () => {
    assert.equal(isReadOnlyKind('system.ping'), true)
    assert.equal(isReadOnlyKind('container.logs'), true)
    assert.equal(isReadOnlyKind('container.create'), false)
    assert.equal(isReadOnlyKind('exec.start'), false)
    assert.equal(isReadOnlyKind('swarm.unlockkey'), false)
    assert.equal(isReadOnlyKind('something.new'), false)
  })

  it('maps parser errors to 400, 408 and 431', () => {
    assert.equal(parserRefusal(Object.assign(new Error('x'), { code: 'HPE_HEADER_OVERFLOW' })).status, 431)
    assert.equal(
      parserRefusal(Object.assign(new Error('x'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' })).status,
      408,
    )
    const bad = parserRefusal(
      Object.assign(new Error('Parse Error'), {
        code: 'HPE_UNEXPECTED_CONTENT_LENGTH',
        reason: "Content-Length can't be present with Transfer-Encoding",
      }),
    )
    assert.equal(bad.status, 400)
    assert.match(bad.message, /^airlock: refused: malformed HTTP request \(HPE_UNEXPECTED_CONTENT_LENGTH/)
  })
})
