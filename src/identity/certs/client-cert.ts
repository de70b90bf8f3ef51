import * as fs from 'node:fs'
import * as path from 'node:path'
import { InputError } from '../../errors.js'
import { checkGroupName, checkUserName } from '../names.js'
import { ROLE_OU_PREFIX } from '../peer-certificate.js'
import { newKeyAndCsr, randomSerial, withConfig } from './cert-authority.js'
import { openssl } from './openssl.js'
import { type SubjectPart, subjectArg } from './subject.js'
import { CLIENT_FILES, tlsPath } from './tls-files.js'

export interface IssueOptions {
  /** The TLS dir with the CA (`airlock certs init`). */
  dir: string
  /** The user: the certificate's CN. */
  name: string
  /** Groups: one O each. */
  groups?: readonly string[]
  /** The role: an OU `role:<name>`. */
  role?: string
  /** Where to write the client folder (default `<dir>/clients/<name>`). */
  out?: string
  /** Validity in days (default 365). */
  days?: number
}

/**
 * `airlock certs issue`: a client certificate signed by the CA in `dir`, written as the docker CLI
 * expects a DOCKER_CERT_PATH folder: `ca.pem`, `cert.pem`, `key.pem` (key mode 0600, folder 0700).
 * The subject is `CN=<name>`, one `O=<group>` per group and `OU=role:<role>` when a role is given.
 * Returns the folder.
 *
 * @example issueClientCertificate({ dir: '/etc/airlock/tls', name: 'alice', groups: ['dev'] }) // '/etc/airlock/tls/clients/alice'
 */
export function issueClientCertificate(opts: IssueOptions): string {
  const dir = path.resolve(opts.dir)
  checkUserName(opts.name)
  for (const g of opts.groups ?? []) checkGroupName(g)
  if (opts.role !== undefined && !/^[a-z][a-z0-9_-]*$/.test(opts.role)) {
    throw new InputError(`"${opts.role}" is not a role name`)
  }
  const days = opts.days ?? 365
  if (!Number.isSafeInteger(days) || days < 1) throw new InputError('--days must be a positive number')
  if (!fs.existsSync(tlsPath(dir, 'caKey'))) {
    throw new InputError(`${tlsPath(dir, 'caKey')} not found: run airlock certs init --dir ${opts.dir} first`)
  }
  const out = path.resolve(opts.out ?? path.join(dir, 'clients', opts.name))
  fs.mkdirSync(out, { recursive: true, mode: 0o700 })
  const subject: SubjectPart[] = [['CN', opts.name], ...(opts.groups ?? []).map((g): SubjectPart => ['O', g])]
  if (opts.role !== undefined) subject.push(['OU', `${ROLE_OU_PREFIX}${opts.role}`])
  withConfig([], (work, config) => {
    const key = path.join(work, 'key.pem')
    const csr = newKeyAndCsr(work, config, subjectArg(subject), key)
    const cert = path.join(work, 'cert.pem')
    openssl(
      [
        'x509',
        '-req',
        '-in',
        csr,
        '-CA',
        tlsPath(dir, 'ca'),
        '-CAkey',
        tlsPath(dir, 'caKey'),
        '-set_serial',
        randomSerial(),
        '-days',
        String(days),
        '-extfile',
        config,
        '-extensions',
        'client',
        '-out',
        cert,
      ],
      work,
    )
    fs.copyFileSync(tlsPath(dir, 'ca'), path.join(out, CLIENT_FILES.ca))
    fs.copyFileSync(cert, path.join(out, CLIENT_FILES.cert))
    fs.writeFileSync(path.join(out, CLIENT_FILES.key), fs.readFileSync(key), { mode: 0o600 })
    fs.chmodSync(path.join(out, CLIENT_FILES.key), 0o600)
  })
  return out
}
