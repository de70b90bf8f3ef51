import assert from 'node:assert/strict'
import { X509Certificate } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { initCertificates, serverSans } from '../../../src/identity/certs/cert-authority.js'
import { issueClientCertificate } from '../../../src/identity/certs/client-cert.js'
import { subjectArg } from '../../../src/identity/certs/subject.js'
import { tempDir } from '../../helpers/temp-dir.js'

describe('certificates (openssl)', () => {
  const dir = tempDir('certs')
  after(() => dir.remove())
  const tls = join(dir.path, 'tls')

  it('init makes a CA and a server certificate with loopback and the given SANs', () => {
    const { sans } = initCertificates({ dir: tls, sans: ['airlock.internal', '10.1.2.3'] })
    assert.deepEqual(sans, ['IP:127.0.0.1', 'IP:::1', 'DNS:localhost', 'DNS:airlock.internal', 'IP:10.1.2.3'])
    const ca = new X509Certificate(readFileSync(join(tls, 'ca.pem')))
    const server = new X509Certificate(readFileSync(join(tls, 'server-cert.pem')))
    assert.equal(ca.ca, true)
    assert.ok(server.checkIssued(ca) && server.verify(ca.publicKey))
    assert.equal(server.checkIP('127.0.0.1'), '127.0.0.1')
    assert.equal(server.checkHost('localhost'), 'localhost')
    assert.equal(server.checkHost('airlock.internal'), 'airlock.internal')
    assert.equal(server.checkIP('10.1.2.3'), '10.1.2.3')
    assert.equal(statSync(join(tls, 'ca-key.pem')).mode & 0o777, 0o600)
    assert.equal(statSync(join(tls, 'server-key.pem')).mode & 0o777, 0o600)
    assert.throws(() => initCertificates({ dir: tls }), /already has a CA/)
  })

  it('issue writes a docker client folder: CN user, O groups, OU role, key 0600', () => {
    const out = issueClientCertificate({
      dir: tls,
      name: 'alice',
      groups: ['dev', 'ops'],
      role: 'admin',
      out: join(dir.path, 'alice'),
    })
    const cert = new X509Certificate(readFileSync(join(out, 'cert.pem')))
    assert.deepEqual(cert.subject.split('\n'), ['CN=alice', 'O=dev', 'O=ops', 'OU=role:admin'])
    assert.ok(cert.checkIssued(new X509Certificate(readFileSync(join(out, 'ca.pem')))))
    assert.equal(statSync(join(out, 'key.pem')).mode & 0o777, 0o600)
    assert.equal(statSync(out).mode & 0o777, 0o700)
    assert.match(cert.keyUsage?.join(',') ?? '', /1\.3\.6\.1\.5\.5\.7\.3\.2/, 'client auth')
  })

  it('refuses bad names and a dir without a CA', () => {
    assert.throws(() => issueClientCertificate({ dir: tls, name: 'a/b' }), /not a valid user name/)
    assert.throws(
      () => issueClientCertificate({ dir: join(dir.path, 'none'), name: 'a' }),
      /run airlock certs init/,
    )
    assert.throws(() => serverSans(['bad name']), /not a host name/)
    assert.equal(subjectArg([['CN', 'a/b+c']]), '/CN=a\\/b\\+c')
  })
})
