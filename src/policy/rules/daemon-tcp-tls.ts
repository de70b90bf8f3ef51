import type { RawFinding } from '../../model/finding.js'
import { defineDaemonRule } from '../rule.js'

/** Listener schemes that are network sockets: the Engine API over them needs TLS with client certificates. */
const NETWORK_SCHEMES = /^(tcp|http|https):\/\//i

export default defineDaemonRule({
  id: 'AL-0204',
  slug: 'daemon-tcp-tls',
  title: 'The daemon must not listen on TCP without TLS client authentication',
  severity: 'critical',
  level: 'baseline',
  appliesTo: 'daemon',
  description:
    'The Engine API gives root on the host to whoever can call it. On a TCP socket without TLS anyone who can reach the port is that caller (unauthenticated, in clear text); with TLS but without tlsverify the traffic is encrypted but any client is still accepted. Only TLS with client certificate verification (tlsverify) authenticates callers on the network.',
  remediation:
    'Remove the tcp:// listener (-H / daemon.json "hosts") and reach the daemon over its unix socket or ssh://, or configure "tlsverify": true with "tlscacert", "tlscert" and "tlskey" (dockerd --tlsverify --tlscacert=ca.pem --tlscert=server-cert.pem --tlskey=server-key.pem -H=0.0.0.0:2376), or put the Airlock proxy with mTLS in front of it.',
  frameworks: { 'cis-docker-1.6-daemon': ['2.7'] },
  check: (posture) => {
    const out: RawFinding[] = []
    posture.listeners.forEach((l, i) => {
      if (!NETWORK_SCHEMES.test(l.address)) return
      const via = l.source === 'client' ? ' (the address this scan used)' : ''
      if (!l.tls) {
        out.push({
          message: `the API listens on ${l.address}${via} without TLS: anyone who can reach it is root on the host`,
          path: ['listeners', i],
        })
      } else if (!l.tlsVerify) {
        out.push({
          message: `the API listens on ${l.address}${via} with TLS but without client certificate verification (tlsverify): any client is accepted`,
          path: ['listeners', i],
        })
      }
    })
    return out
  },
  fixtures: {
    pass: [
      {},
      { listeners: [{ address: 'unix:///var/run/docker.sock' }] },
      { listeners: [{ address: 'tcp://0.0.0.0:2376', tls: true, tlsVerify: true }] },
      { listeners: [{ address: 'fd://' }, { address: 'ssh://admin@host', source: 'client' }] },
    ],
    fail: [
      { listeners: [{ address: 'tcp://0.0.0.0:2375' }] },
      {
        listeners: [
          { address: 'unix:///var/run/docker.sock' },
          { address: 'tcp://10.0.0.5:2376', tls: true },
        ],
      },
      { listeners: [{ address: 'tcp://docker.internal:2375', source: 'client' }] },
    ],
  },
})
