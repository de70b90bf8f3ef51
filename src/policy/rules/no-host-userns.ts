import { hostNamespaceFindings } from '../host-namespace.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0006',
  slug: 'no-host-userns',
  title: 'Containers must not opt out of user namespace remapping',
  severity: 'high',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "On a daemon with user namespace remapping (userns-remap), root in a container is an unprivileged user on the host. --userns host opts the container out: its root is the host's uid 0 again, so any escape, writable host mount or leaked file descriptor is root on the host.",
  remediation:
    'Remove --userns host (compose: userns_mode: host; Kubernetes: set hostUsers: false to get a user namespace).',
  frameworks: { 'cis-docker-1.6': ['5.31'], pss: ['baseline/host-namespaces'] },
  check: (spec) => hostNamespaceFindings(spec, 'user'),
  fixtures: {
    pass: [{}, { namespaces: { user: '' } }, { namespaces: { user: 'private' } }],
    fail: [{ namespaces: { user: 'host' } }, { namespaces: { joinedHost: ['user'] } }],
  },
})
