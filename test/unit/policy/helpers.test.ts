import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dockerfileBaseImages, dockerfileRemoteSources } from '../../../src/policy/dockerfile-text.js'
import { fetchTarget, internalHostReason } from '../../../src/policy/fetch-url.js'
import { isImageId, parseImageReference, registryAllowed } from '../../../src/policy/image-reference.js'
import {
  ipCategory,
  isUnspecifiedIp,
  parseIPv4,
  parseIPv4Loose,
  parseIPv6,
} from '../../../src/policy/ip-address.js'
import { classifyLocalVolume } from '../../../src/policy/local-volume.js'
import { matchesAnyPattern } from '../../../src/policy/patterns.js'
import { parseHostPort } from '../../../src/policy/ports.js'
import { runtimeSocketReach } from '../../../src/policy/runtime-sockets.js'
import { seccompWeakness } from '../../../src/policy/seccomp-profile.js'
import { normalizeSysctl, sysctlNamespace } from '../../../src/policy/sysctls.js'

describe('ip-address', () => {
  it('parses IPv4 strictly as Go does and loosely as inet_aton does', () => {
    assert.deepEqual(parseIPv4('10.0.0.1'), [10, 0, 0, 1])
    assert.equal(parseIPv4('010.0.0.1'), undefined)
    assert.equal(parseIPv4('127.1'), undefined)
    assert.deepEqual(parseIPv4Loose('127.1'), [127, 0, 0, 1])
    assert.deepEqual(parseIPv4Loose('2130706433'), [127, 0, 0, 1])
    assert.deepEqual(parseIPv4Loose('0x7f.0.0.1'), [127, 0, 0, 1])
    assert.deepEqual(parseIPv4Loose('0177.0.0.01'), [127, 0, 0, 1])
    assert.deepEqual(parseIPv4Loose('169.254.43518'), [169, 254, 169, 254])
    assert.equal(parseIPv4Loose('256.1.1.1'), undefined)
    assert.equal(parseIPv4Loose('1.2.3.4.5'), undefined)
    assert.equal(parseIPv4Loose('08.1.1.1'), undefined)
  })

  it('parses IPv6 in every spelling', () => {
    assert.deepEqual(parseIPv6('::1')?.slice(12), [0, 0, 0, 1])
    assert.deepEqual(parseIPv6('[::ffff:127.0.0.1]')?.slice(10), [0xff, 0xff, 127, 0, 0, 1])
    assert.deepEqual(parseIPv6('fe80::1%eth0')?.slice(0, 2), [0xfe, 0x80])
    assert.equal(parseIPv6('1::2::3'), undefined)
    assert.equal(parseIPv6('1:2:3:4:5:6:7:8:9'), undefined)
    assert.equal(parseIPv6('12345::'), undefined)
  })

  it('classifies non-public addresses, including IPv4 embedded in IPv6', () => {
    assert.match(ipCategory([127, 0, 0, 1]) ?? '', /loopback/)
    assert.match(ipCategory([172, 31, 255, 1]) ?? '', /private/)
    assert.equal(ipCategory([172, 32, 0, 1]), undefined)
    assert.match(ipCategory([100, 100, 100, 200]) ?? '', /carrier-grade/)
    assert.equal(ipCategory([8, 8, 8, 8]), undefined)
    assert.match(ipCategory(parseIPv6('::ffff:169.254.169.254') ?? []) ?? '', /link-local/)
    assert.match(ipCategory(parseIPv6('64:ff9b::10.0.0.1') ?? []) ?? '', /private/)
    assert.match(ipCategory(parseIPv6('2002:7f00:1::') ?? []) ?? '', /loopback/)
    assert.match(ipCategory(parseIPv6('fd00:ec2::254') ?? []) ?? '', /unique local/)
    assert.equal(ipCategory(parseIPv6('2606:4700::1111') ?? []), undefined)
  })

  it('recognizes every spelling of "all interfaces"', () => {
    for (const s of ['', '0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0', '::ffff:0.0.0.0'])
      assert.ok(isUnspecifiedIp(s), s)
    for (const s of ['127.0.0.1', '::1', '10.0.0.5', 'localhost']) assert.ok(!isUnspecifiedIp(s), s)
  })
})

describe('fetch-url', () => {
  it('splits remotes the way the fetchers do', () => {
    assert.deepEqual(fetchTarget('https://u:p@Example.COM.:8443/x?y#z'), {
      scheme: 'https',
      host: 'example.com',
    })
    assert.deepEqual(fetchTarget('git@gitlab.example.com:team/repo.git'), {
      scheme: 'ssh',
      host: 'gitlab.example.com',
    })
    assert.deepEqual(fetchTarget('github.com/moby/moby'), { scheme: 'https', host: 'github.com' })
    assert.deepEqual(fetchTarget('10.0.0.1/x.tar', 'http'), { scheme: 'http', host: '10.0.0.1' })
    assert.deepEqual(fetchTarget('http://%31%32%37.0.0.1/'), { scheme: 'http', host: '127.0.0.1' })
    assert.equal(typeof fetchTarget('http://a@b@c/'), 'string')
    assert.equal(typeof fetchTarget('http://evil.com\\@127.0.0.1/'), 'string')
    assert.equal(typeof fetchTarget('http://%zz/'), 'string')
  })

  it('names internal hosts and lets public ones pass', () => {
    for (const h of [
      'localhost',
      'api.localhost',
      '127.0.0.1',
      '0.0.0.0',
      '0',
      '127.1',
      '0x7f000001',
      '[::1]',
      '[::]',
      'host.docker.internal',
      'printer.local',
      'gitlab',
      '192-168-0-1.sslip.io',
      '',
    ]) {
      assert.ok(internalHostReason(h), `${h} should be internal`)
    }
    for (const h of [
      'github.com',
      'example.com',
      '8.8.8.8',
      '[2606:4700::1111]',
      'registry-1.docker.io',
      'deadbeef.com',
    ]) {
      assert.equal(internalHostReason(h), undefined, h)
    }
  })
})

describe('image-reference', () => {
  it('normalizes like distribution/reference', () => {
    assert.deepEqual(parseImageReference('busybox'), {
      domain: 'docker.io',
      path: 'library/busybox',
      tag: undefined,
      digest: undefined,
    })
    assert.deepEqual(parseImageReference('user/app:1'), {
      domain: 'docker.io',
      path: 'user/app',
      tag: '1',
      digest: undefined,
    })
    assert.equal(parseImageReference('index.docker.io/nginx')?.path, 'library/nginx')
    assert.equal(parseImageReference('localhost/app')?.domain, 'localhost')
    assert.equal(parseImageReference('localhost:5000/app:2')?.tag, '2')
    assert.equal(parseImageReference('Registry.Example.com/app')?.domain, 'Registry.Example.com')
    assert.equal(parseImageReference('NS/app')?.domain, 'NS')
    assert.equal(parseImageReference('[::1]:5000/app')?.domain, '[::1]:5000')
    assert.equal(parseImageReference('a'.repeat(64)), undefined)
    assert.equal(parseImageReference('app:'), undefined)
    assert.ok(isImageId(`sha256:${'0'.repeat(64)}`))
    assert.ok(!isImageId('sha256:abc'))
  })

  it('matches registries and path prefixes', () => {
    const ref = parseImageReference('nginx:1.27')
    assert.ok(ref)
    assert.ok(registryAllowed(ref, ['docker.io']))
    assert.ok(registryAllowed(ref, ['index.docker.io/library/']))
    assert.ok(!registryAllowed(ref, ['docker.io/lib']))
    assert.ok(!registryAllowed(ref, ['ghcr.io']))
  })
})

describe('local-volume', () => {
  it('classifies local driver options as mount(2) will see them', () => {
    assert.equal(classifyLocalVolume(undefined), undefined)
    assert.equal(classifyLocalVolume({ size: '1G' }), undefined)
    assert.deepEqual(classifyLocalVolume({ type: 'tmpfs', device: 'tmpfs' }), { kind: 'tmpfs' })
    assert.equal(classifyLocalVolume({ type: 'tmpfs', device: '/etc', o: 'bind' })?.kind, 'bind')
    assert.equal(classifyLocalVolume({ type: 'none', device: '/etc', o: 'BIND' })?.kind, 'filesystem')
    assert.deepEqual(classifyLocalVolume({ type: 'none', device: '/d', o: 'bind,ro,rw,rshared' }), {
      kind: 'bind',
      device: '/d',
      readOnly: false,
      propagation: ['rshared'],
    })
    assert.deepEqual(classifyLocalVolume({ type: 'cifs', device: '//fs/share' }), {
      kind: 'remote',
      type: 'cifs',
      address: 'fs',
    })
    assert.deepEqual(classifyLocalVolume({ type: 'nfs', device: 'nas:/export' }), {
      kind: 'remote',
      type: 'nfs',
      address: 'nas',
    })
  })
})

describe('small helpers', () => {
  it('parses host ports like nat.ParsePortRange', () => {
    assert.deepEqual(parseHostPort('8080'), { start: 8080, end: 8080 })
    assert.deepEqual(parseHostPort('0080'), { start: 80, end: 80 })
    assert.equal(parseHostPort('0'), 'ephemeral')
    assert.equal(parseHostPort('81-79'), undefined)
    assert.equal(parseHostPort('70000'), undefined)
    assert.equal(parseHostPort(' 80'), undefined)
  })

  it('finds runtime sockets by name and by containing directory', () => {
    assert.deepEqual(runtimeSocketReach('/var/run/docker.sock'), {
      how: 'is',
      socket: '/var/run/docker.sock',
    })
    assert.equal(runtimeSocketReach('/srv/x/../podman.sock/')?.how, 'is')
    assert.equal(runtimeSocketReach('/run')?.how, 'contains')
    assert.equal(runtimeSocketReach('/home/dev'), undefined)
    assert.equal(runtimeSocketReach('docker.sock'), undefined)
  })

  it('reads seccomp profiles as Go would', () => {
    assert.equal(seccompWeakness(undefined), undefined)
    assert.equal(seccompWeakness('builtin'), undefined)
    assert.ok(seccompWeakness('unconfined'))
    assert.ok(seccompWeakness(' {"defaultaction":"scmp_act_allow"} '))
    assert.ok(seccompWeakness('null'))
    assert.equal(seccompWeakness('{"defaultAction":"SCMP_ACT_ERRNO"}'), undefined)
  })

  it('classifies sysctls and patterns', () => {
    assert.equal(normalizeSysctl('net/ipv4/ip_forward'), 'net.ipv4.ip_forward')
    assert.equal(sysctlNamespace('kernel.sem'), 'ipc')
    assert.equal(sysctlNamespace('fs.mqueue.msg_max'), 'ipc')
    assert.equal(sysctlNamespace('kernel.domainname'), 'uts')
    assert.equal(sysctlNamespace('kernel.pid_max'), undefined)
    assert.ok(matchesAnyPattern('net.core.somaxconn', ['net.core.*']))
    assert.ok(!matchesAnyPattern('net.core', ['net.core.*']))
  })

  it('extracts base images and remote ADD sources from Dockerfiles', () => {
    const text = [
      '# escape=`',
      'ARG REG=ghcr.io',
      'ARG TAG',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile variables
      'FROM --platform=$BUILDPLATFORM ${REG}/org/base:1 AS build',
      'ADD --checksum=sha256:abc `',
      '  https://example.com/a.tgz /a',
      'FROM build AS test',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile variables
      'FROM alpine:${TAG:-3.20}',
      'FROM $UNKNOWN',
      'from scratch',
      'ADD ["git@github.com:moby/moby.git", "/src"]',
      'ADD local.txt /x',
    ].join('\n')
    assert.deepEqual(dockerfileBaseImages(text, {}), [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile variables
      { line: 4, written: '${REG}/org/base:1', image: 'ghcr.io/org/base:1' },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile variables
      { line: 8, written: 'alpine:${TAG:-3.20}', image: 'alpine:3.20' },
      { line: 9, written: '$UNKNOWN', image: undefined },
    ])
    assert.equal(dockerfileBaseImages(text, { REG: 'evil.io', TAG: '3.19' })[1]?.image, 'alpine:3.19')
    assert.deepEqual(dockerfileRemoteSources(text), [
      { line: 5, url: 'https://example.com/a.tgz' },
      { line: 11, url: 'git@github.com:moby/moby.git' },
    ])
  })
})
