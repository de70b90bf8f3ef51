import { hostNamespaceFindings } from '../host-namespace.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0004',
  slug: 'no-host-ipc',
  title: "Containers must not share the host's IPC namespace",
  severity: 'high',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "The host's IPC namespace gives the container the host's System V shared memory, semaphores and message queues and its /dev/shm: it can read and corrupt the memory of host processes that use them (databases, X servers, PulseAudio) and exhaust the host's IPC limits.",
  remediation:
    'Remove --ipc host (compose: ipc: host; Kubernetes: hostIPC: true). Containers that must share memory can use --ipc shareable on one and --ipc container:<name> on the other.',
  frameworks: { 'cis-docker-1.6': ['5.17'], pss: ['baseline/host-namespaces'] },
  check: (spec) => hostNamespaceFindings(spec, 'ipc'),
  fixtures: {
    pass: [
      {},
      { namespaces: { ipc: 'private' } },
      { namespaces: { ipc: 'shareable' } },
      { namespaces: { ipc: 'none' } },
    ],
    fail: [{ namespaces: { ipc: 'host' } }, { namespaces: { ipc: 'container:app', joinedHost: ['ipc'] } }],
  },
})
