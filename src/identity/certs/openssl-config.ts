/** Which certificate an extension section is for. */
export type CertKind = 'ca' | 'server' | 'client'

/**
 * An OpenSSL config with one extension section per certificate kind: a CA that may only sign, a
 * TLS server certificate with the given subjectAltNames, a TLS client certificate. Subjects are
 * given on the command line (`-subj`).
 *
 * @example opensslConfig(['IP:127.0.0.1', 'DNS:localhost'])
 */
export function opensslConfig(sans: readonly string[] = []): string {
  return [
    '[req]',
    'distinguished_name = dn',
    'prompt = no',
    '[dn]',
    'CN = airlock',
    '[ca]',
    'basicConstraints = critical,CA:TRUE,pathlen:0',
    'keyUsage = critical,keyCertSign,cRLSign',
    'subjectKeyIdentifier = hash',
    '[server]',
    'basicConstraints = critical,CA:FALSE',
    'keyUsage = critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage = serverAuth',
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid',
    ...(sans.length ? [`subjectAltName = ${sans.join(',')}`] : []),
    '[client]',
    'basicConstraints = critical,CA:FALSE',
    'keyUsage = critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage = clientAuth',
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid',
    '',
  ].join('\n')
}
