import * as fs from 'node:fs'
import { AirlockError, errorMessage } from '../../errors.js'
import { tlsPath } from './tls-files.js'

/** What a TLS listener serves: its certificate and key, and the CA client certificates must chain to. */
export interface ServerTls {
  cert: Buffer
  key: Buffer
  ca: Buffer
}

/**
 * Reads the server side of a TLS dir (`airlock certs init`): `server-cert.pem`, `server-key.pem`
 * and `ca.pem`. Throws `E_TLS` naming the missing file.
 *
 * @example const tls = loadServerTls('/etc/airlock/tls')
 */
export function loadServerTls(dir: string): ServerTls {
  const read = (file: 'serverCert' | 'serverKey' | 'ca') => {
    const p = tlsPath(dir, file)
    try {
      return fs.readFileSync(p)
    } catch (err) {
      throw new AirlockError(
        'E_TLS',
        `cannot read ${p} (${errorMessage(err)}): run airlock certs init --dir ${dir}`,
        {
          cause: err,
        },
      )
    }
  }
  return { cert: read('serverCert'), key: read('serverKey'), ca: read('ca') }
}
