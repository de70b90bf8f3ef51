import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import { isIP } from 'node:net'
import * as path from 'node:path'
import { InputError } from '../../errors.js'
import { openssl } from './openssl.js'
import { opensslConfig } from './openssl-config.js'
import { subjectArg } from './subject.js'
import { TLS_FILES, tlsPath } from './tls-files.js'

/** Always in the server certificate, so loopback clients verify it. */
export const LOOPBACK_SANS = ['IP:127.0.0.1', 'IP:::1', 'DNS:localhost'] as const

export interface InitOptions {
  dir: string
  /** Extra host names and IP addresses the proxy is reached by. */
  sans?: readonly string[]
  /** CA validity (default 3650 days); the server certificate gets at most 825. */
  days?: number
  /** Replace an existing CA (invalidates every client certificate). */
  force?: boolean
}

/**
 * subjectAltName entries for the server certificate: loopback always, then each name given (IP
 * addresses as `IP:`, anything else as `DNS:`).
 *
 * @example serverSans(['airlock.internal', '10.0.0.5']) // ['IP:127.0.0.1', 'IP:::1', 'DNS:localhost', 'DNS:airlock.internal', 'IP:10.0.0.5']
 */
export function serverSans(extra: readonly string[] = []): string[] {
  const out: string[] = [...LOOPBACK_SANS]
  for (const raw of extra) {
    const name = raw.trim()
    if (name === '') continue
    if (!/^[A-Za-z0-9.:*-]+$/.test(name)) throw new InputError(`"${name}" is not a host name or IP address`)
    const san = isIP(name) ? `IP:${name}` : `DNS:${name}`
    if (!out.includes(san)) out.push(san)
  }
  return out
}

/** A random positive 128-bit serial, as openssl's `-set_serial` takes it. */
export function randomSerial(): string {
  const b = randomBytes(16)
  b[0] = (b[0] as number) & 0x7f
  return `0x${b.toString('hex')}`
}

/** Runs `fn` with a private temp dir holding the OpenSSL config, removed afterwards. */
export function withConfig<T>(sans: readonly string[], fn: (work: string, config: string) => T): T {
  const work = fs.mkdtempSync(path.join(fs.realpathSync(process.env['TMPDIR'] ?? '/tmp'), 'airlock-certs-'))
  try {
    const config = path.join(work, 'openssl.cnf')
    fs.writeFileSync(config, opensslConfig(sans), { mode: 0o600 })
    return fn(work, config)
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}

/** A new P-256 key and a CSR for `subject`, in `work`. */
export function newKeyAndCsr(work: string, config: string, subject: string, keyFile: string): string {
  const csr = path.join(work, 'req.csr')
  openssl(
    [
      'req',
      '-new',
      '-config',
      config,
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-subj',
      subject,
      '-out',
      csr,
    ],
    work,
  )
  fs.chmodSync(keyFile, 0o600)
  return csr
}

/**
 * `airlock certs init`: creates a CA (`ca.pem`, `ca-key.pem`) and a server certificate
 * (`server-cert.pem`, `server-key.pem`) for the proxy's TLS listeners in `dir` (mode 0700; keys
 * 0600). Refuses to replace an existing CA unless `force`. Returns the server certificate's SANs.
 *
 * @example initCertificates({ dir: '/etc/airlock/tls', sans: ['airlock.internal'] })
 */
export function initCertificates(opts: InitOptions): { sans: string[] } {
  const dir = path.resolve(opts.dir)
  const days = opts.days ?? 3650
  if (!Number.isSafeInteger(days) || days < 1) throw new InputError('--days must be a positive number')
  if (fs.existsSync(tlsPath(dir, 'ca')) && !opts.force) {
    throw new InputError(
      `${tlsPath(dir, 'ca')} exists: this dir already has a CA (--force replaces it and every client certificate with it)`,
    )
  }
  const sans = serverSans(opts.sans)
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  withConfig(sans, (work, config) => {
    const caKey = tlsPath(dir, 'caKey')
    openssl(
      [
        'req',
        '-x509',
        '-new',
        '-config',
        config,
        '-extensions',
        'ca',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        caKey,
        '-subj',
        subjectArg([
          ['CN', 'Airlock CA'],
          ['O', 'airlock'],
        ]),
        '-days',
        String(days),
        '-set_serial',
        randomSerial(),
        '-out',
        tlsPath(dir, 'ca'),
      ],
      work,
    )
    fs.chmodSync(caKey, 0o600)
    const serverKey = tlsPath(dir, 'serverKey')
    const csr = newKeyAndCsr(work, config, subjectArg([['CN', 'airlock-proxy']]), serverKey)
    openssl(
      [
        'x509',
        '-req',
        '-in',
        csr,
        '-CA',
        tlsPath(dir, 'ca'),
        '-CAkey',
        caKey,
        '-set_serial',
        randomSerial(),
        '-days',
        String(Math.min(days, 825)),
        '-extfile',
        config,
        '-extensions',
        'server',
        '-out',
        tlsPath(dir, 'serverCert'),
      ],
      work,
    )
  })
  return { sans }
}

export { TLS_FILES }
