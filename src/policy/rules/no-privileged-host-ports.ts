import { parseHostPort } from '../ports.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0050',
  slug: 'no-privileged-host-ports',
  title: 'Containers should not publish privileged host ports',
  severity: 'low',
  level: 'restricted',
  appliesTo: 'container',
  description:
    "Ports below 1024 on the host are where system services (SSH, DNS, mail, HTTP) are expected to listen, and only root may bind them. Publishing one lets the container impersonate or pre-empt such a service on the host's addresses. Ranges count when any port in them is privileged (settings.privilegedPortMax).",
  remediation:
    'Publish on a high host port and map it to the container port (-p 8080:80; compose: ports: ["8080:80"]; Kubernetes: a Service instead of hostPort), and put a load balancer or the host\'s own proxy on port 80/443.',
  frameworks: { 'cis-docker-1.6': ['5.8'], pss: ['baseline/host-ports'] },
  check: (spec, { settings }) =>
    spec.ports.flatMap((p, i) => {
      const path = ['ports', i, 'hostPort']
      const range = parseHostPort(p.hostPort)
      if (range === 'ephemeral') return []
      if (range === undefined) {
        return [{ message: `host port "${p.hostPort}" for ${p.containerPort} cannot be read`, path }]
      }
      if (range.start > settings.privilegedPortMax) return []
      const what = range.start === range.end ? 'is a privileged port' : 'includes privileged ports'
      return [
        {
          message: `host port ${p.hostPort} for ${p.containerPort} ${what} (at most ${settings.privilegedPortMax})`,
          path,
        },
      ]
    }),
  fixtures: {
    pass: [
      {},
      { ports: [{ containerPort: '80/tcp', hostPort: '8080' }] },
      { ports: [{ containerPort: '80/tcp', hostPort: '' }] },
      { ports: [{ containerPort: '80/tcp', hostPort: '0' }] },
      { ports: [{ containerPort: '53/udp', hostPort: '1024-1030' }] },
    ],
    fail: [
      { ports: [{ containerPort: '80/tcp', hostPort: '80' }] },
      { ports: [{ containerPort: '443/tcp', hostIp: '127.0.0.1', hostPort: '443' }] },
      { ports: [{ containerPort: '80/tcp', hostPort: '79-81' }] },
      { ports: [{ containerPort: '22/tcp', hostPort: '0022' }] },
      { ports: [{ containerPort: '80/tcp', hostPort: '1000-2000' }] },
      { ports: [{ containerPort: '80/tcp', hostPort: '+80' }] },
    ],
  },
})
