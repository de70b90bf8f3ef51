import { hostNamespaceFindings } from '../host-namespace.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0007',
  slug: 'no-host-cgroupns',
  title: "Containers must not share the host's cgroup namespace",
  severity: 'medium',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "With the host's cgroup namespace the container sees the host's whole cgroup hierarchy (every container's and service's cgroup path in /proc/*/cgroup and /sys/fs/cgroup), which reveals the host's workloads, and any write access to cgroupfs (CAP_SYS_ADMIN, a privileged sibling) acts on the host's hierarchy: the release_agent escape.",
  remediation:
    'Remove --cgroupns host (compose: cgroup: host); use --cgroupns private, the default on cgroup v2 hosts.',
  frameworks: { pss: ['baseline/host-namespaces'] },
  check: (spec) => hostNamespaceFindings(spec, 'cgroup'),
  fixtures: {
    pass: [{}, { namespaces: { cgroup: 'private' } }],
    fail: [{ namespaces: { cgroup: 'host' } }, { namespaces: { cgroup: '', joinedHost: ['cgroup'] } }],
  },
})
