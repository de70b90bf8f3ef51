import { hostNamespaceFindings } from '../host-namespace.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0003',
  slug: 'no-host-pid',
  title: "Containers must not share the host's PID namespace",
  severity: 'critical',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "In the host's PID namespace the container sees every host process, their command lines and environments (secrets passed as variables), and can signal them. Root in it reads the host's files through /proc/1/root unless an LSM profile stops it, and with CAP_SYS_PTRACE or CAP_SYS_ADMIN enters or injects into host processes (nsenter -t 1): a path to root on the host.",
  remediation:
    "Remove --pid host (compose: pid: host; Kubernetes: hostPID: true). To debug another container, use docker exec or a sidecar that shares only that pod's namespace.",
  frameworks: { 'cis-docker-1.6': ['5.16'], pss: ['baseline/host-namespaces'] },
  check: (spec) => hostNamespaceFindings(spec, 'pid'),
  fixtures: {
    pass: [{}, { namespaces: { pid: 'private' } }, { namespaces: { pid: 'Host' } }],
    fail: [
      { namespaces: { pid: 'host' } },
      { namespaces: { pid: 'container:debug', joinedHost: ['pid'] } },
      { namespaces: { joinedHost: ['pid'] } },
    ],
  },
})
