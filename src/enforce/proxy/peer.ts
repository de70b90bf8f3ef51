import type { Socket } from 'node:net'
import type { TLSSocket } from 'node:tls'
import type { PeerCertificate } from '../../identity/peer-certificate.js'

/**
 * The client certificate of a TLS connection, or undefined for plain connections and TLS clients
 * that sent none. `authorized` says whether it chains to the listener's CA.
 *
 * @example peerCertificate(req.socket)?.subject.CN // 'alice'
 */
export function peerCertificate(socket: Socket): PeerCertificate | undefined {
  const tls = socket as Partial<TLSSocket>
  if (typeof tls.getPeerCertificate !== 'function') return undefined
  const cert = tls.getPeerCertificate()
  if (!cert || Object.keys(cert).length === 0) return undefined
  return {
    authorized: tls.authorized === true,
    subject: (cert.subject ?? {}) as unknown as PeerCertificate['subject'],
    ...(cert.fingerprint256 !== undefined && { fingerprint256: cert.fingerprint256 }),
  }
}
