import { hostNamespaceFindings } from '../host-namespace.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0005',
  slug: 'no-host-uts',
  title: "Containers must not share the host's UTS namespace",
  severity: 'medium',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "In the host's UTS namespace a container with CAP_SYS_ADMIN can change the host's hostname and NIS domain name, which breaks logging, clustering and Kerberos on the host, and it learns the host's identity.",
  remediation:
    "Remove --uts host (compose: uts: host). Set the container's own name with --hostname (compose: hostname:; Kubernetes: spec.hostname).",
  frameworks: { 'cis-docker-1.6': ['5.21'], pss: ['baseline/host-namespaces'] },
  check: (spec) => hostNamespaceFindings(spec, 'uts'),
  fixtures: {
    pass: [{}, { namespaces: { uts: '' } }, { namespaces: { uts: 'hostname' } }],
    fail: [{ namespaces: { uts: 'host' } }, { namespaces: { uts: 'container:a', joinedHost: ['uts'] } }],
  },
})
