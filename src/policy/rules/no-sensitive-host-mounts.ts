import { hostPathRisk } from '../host-path.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0010',
  slug: 'no-sensitive-host-mounts',
  title: 'Sensitive host paths must not be mounted',
  severity: 'critical',
  level: 'baseline',
  appliesTo: 'container',
  description:
    'Binding /, /etc, /proc, /sys, /dev, /boot, /root, /usr, /lib, /var/lib/docker or a directory above them gives the container the host: it can read secrets, change system files or reach the kernel directly.',
  remediation:
    'Bind only the project directory the workload needs (-v "$PWD":/src; compose: volumes: ["./src:/src"]) or use a named volume (-v data:/data; compose: volumes: ["data:/data"]; Kubernetes: a PersistentVolumeClaim or emptyDir instead of hostPath). Time zone and CA files may be bound read-only (-v /etc/localtime:/etc/localtime:ro).',
  frameworks: { 'cis-docker-1.6': ['5.6'], pss: ['baseline/host-path-volumes'] },
  check: (spec, { settings }) =>
    spec.mounts.flatMap((m, i) => {
      if (m.type !== 'bind') return []
      return [m.source, m.resolvedSource].flatMap((src) => {
        if (src === undefined) return []
        const risk = hostPathRisk(src, m.readOnly, settings)
        if (!risk) return []
        const what =
          risk.kind === 'sensitive'
            ? `reaches the sensitive host path ${risk.entry}`
            : `binds ${risk.entry} whole`
        const via = src === m.source ? '' : ` (${m.source} resolves to ${src})`
        return [{ message: `bind mount of host ${src}${via} ${what}`, path: ['mounts', i, 'source'] }]
      })
    }),
  fixtures: {
    pass: [
      {},
      { mounts: [{ type: 'bind', source: '/home/dev/project', target: '/src' }] },
      { mounts: [{ type: 'bind', source: '/etc/localtime', target: '/etc/localtime', readOnly: true }] },
      { mounts: [{ type: 'volume', source: 'data', target: '/var/lib/docker' }] },
    ],
    fail: [
      { mounts: [{ type: 'bind', source: '/', target: '/host' }] },
      { mounts: [{ type: 'bind', source: '/etc', target: '/x', readOnly: true }] },
      { mounts: [{ type: 'bind', source: '//proc/../proc/1/root', target: '/x' }] },
      { mounts: [{ type: 'bind', source: '/var', target: '/x' }] },
      { mounts: [{ type: 'bind', source: '/home', target: '/x' }] },
      { mounts: [{ type: 'bind', source: '/etc/localtime', target: '/x' }] },
      { mounts: [{ type: 'bind', source: '/home/dev/link', resolvedSource: '/etc', target: '/x' }] },
    ],
  },
})
