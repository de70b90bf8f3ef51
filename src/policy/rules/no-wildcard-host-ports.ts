import type { RawFinding } from '../../model/finding.js'
import { isUnspecifiedIp } from '../ip-address.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0051',
  slug: 'no-wildcard-host-ports',
  title: 'Published ports should be bound to a specific host interface',
  severity: 'low',
  level: 'restricted',
  appliesTo: 'container',
  description:
    "A port published without a host IP (or with 0.0.0.0, ::, [::]) listens on every host interface, public ones included, and Docker's iptables rules put it in front of the host firewall (ufw, firewalld). --publish-all publishes every exposed port on a random port of every interface. Binding to 127.0.0.1 or a specific interface address keeps internal services internal.",
  remediation:
    'Name the interface: -p 127.0.0.1:8080:80 (compose: ports: ["127.0.0.1:8080:80"]; Kubernetes: a ClusterIP Service rather than hostPort), and remove -P/--publish-all (compose: publish_all is not supported; list ports explicitly).',
  frameworks: { 'cis-docker-1.6': ['5.14', '5.9'], pss: ['baseline/host-ports'] },
  check: (spec) => {
    const out: RawFinding[] = []
    if (spec.publishAllPorts) {
      out.push({
        message: 'publish-all publishes every exposed port on every host interface',
        path: ['publishAllPorts'],
      })
    }
    spec.ports.forEach((p, i) => {
      if (!isUnspecifiedIp(p.hostIp)) return
      const ip = p.hostIp === '' ? 'no host IP' : `host IP ${p.hostIp}`
      out.push({
        message: `port ${p.hostPort || '(ephemeral)'}:${p.containerPort} is published with ${ip}: it listens on every host interface`,
        path: ['ports', i, 'hostIp'],
      })
    })
    return out
  },
  fixtures: {
    pass: [
      {},
      { ports: [{ containerPort: '80/tcp', hostIp: '127.0.0.1', hostPort: '8080' }] },
      { ports: [{ containerPort: '80/tcp', hostIp: '::1', hostPort: '8080' }] },
      { ports: [{ containerPort: '80/tcp', hostIp: '10.0.0.5', hostPort: '8080' }] },
      { exposedPorts: ['80/tcp'] },
    ],
    fail: [
      { ports: [{ containerPort: '80/tcp', hostPort: '8080' }] },
      { ports: [{ containerPort: '80/tcp', hostIp: '0.0.0.0', hostPort: '8080' }] },
      { ports: [{ containerPort: '80/tcp', hostIp: '::', hostPort: '8080' }] },
      { ports: [{ containerPort: '80/tcp', hostIp: '[::]', hostPort: '8080' }] },
      { ports: [{ containerPort: '80/tcp', hostIp: '0:0::0', hostPort: '8080' }] },
      { ports: [{ containerPort: '80/tcp', hostIp: '::ffff:0.0.0.0', hostPort: '8080' }] },
      { publishAllPorts: true, exposedPorts: ['80/tcp'] },
    ],
  },
})
