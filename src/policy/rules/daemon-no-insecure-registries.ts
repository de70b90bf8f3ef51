import type { RawFinding } from '../../model/finding.js'
import { defineDaemonRule } from '../rule.js'

/** dockerd always lists its loopback ranges as insecure: pulling from localhost needs no TLS. */
const LOOPBACK = new Set(['127.0.0.0/8', '::1/128'])

export default defineDaemonRule({
  id: 'AL-0208',
  slug: 'daemon-no-insecure-registries',
  title: 'The daemon must not pull from registries without TLS',
  severity: 'high',
  level: 'baseline',
  appliesTo: 'daemon',
  description:
    'For an insecure registry the daemon accepts plain HTTP or any TLS certificate. Anyone on the network path can then serve a different image under the same name, and the daemon will run it. dockerd always treats its own loopback ranges as insecure; any other entry is a finding.',
  remediation:
    'Remove the entry from "insecure-registries" in daemon.json (or --insecure-registry), and give the registry a certificate the daemon trusts: a public CA, or the registry CA in /etc/docker/certs.d/<registry>/ca.crt.',
  frameworks: { 'cis-docker-1.6-daemon': ['2.5'] },
  check: (posture) => {
    const out: RawFinding[] = []
    posture.insecureRegistries.forEach((registry, i) => {
      if (LOOPBACK.has(registry)) return
      out.push({
        message: `${registry} is an insecure registry: images from it are pulled without TLS verification`,
        path: ['insecureRegistries', i],
      })
    })
    return out
  },
  fixtures: {
    pass: [{}, { insecureRegistries: ['127.0.0.0/8'] }, { insecureRegistries: ['127.0.0.0/8', '::1/128'] }],
    fail: [
      { insecureRegistries: ['127.0.0.0/8', 'registry.internal:5000'] },
      { insecureRegistries: ['10.0.0.0/8'] },
    ],
  },
})
