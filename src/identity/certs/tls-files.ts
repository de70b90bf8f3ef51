import * as path from 'node:path'

/**
 * File names in a TLS dir (`airlock certs init`), as dockerd names its own: the CA certificate and
 * key, and the server certificate and key the proxy serves.
 */
export const TLS_FILES = {
  ca: 'ca.pem',
  caKey: 'ca-key.pem',
  serverCert: 'server-cert.pem',
  serverKey: 'server-key.pem',
} as const

/** File names in a client folder (`airlock certs issue`), as the docker CLI reads DOCKER_CERT_PATH. */
export const CLIENT_FILES = { ca: 'ca.pem', cert: 'cert.pem', key: 'key.pem' } as const

/** `<dir>/<file>` for a TLS dir entry. */
export function tlsPath(dir: string, file: keyof typeof TLS_FILES): string {
  return path.join(dir, TLS_FILES[file])
}
