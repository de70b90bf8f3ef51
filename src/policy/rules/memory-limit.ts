import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0040',
  slug: 'memory-limit',
  title: 'Containers should have a memory limit',
  severity: 'low',
  level: 'restricted',
  appliesTo: 'container',
  description:
    "Without a memory limit one container can take all of the host's memory: the kernel's OOM killer then picks victims across the host, including the daemon, sshd and other tenants' containers. A limit confines the OOM kill to the container that overran.",
  remediation:
    'Set a limit with --memory 512m (compose: mem_limit: 512m or deploy.resources.limits.memory; Kubernetes: resources.limits.memory), or configure a default memory limit in the policy defaults.',
  frameworks: { 'cis-docker-1.6': ['5.11'] },
  check: (spec) => {
    const memory = spec.resources.memory
    if (memory !== undefined && memory > 0) return []
    return [
      {
        message: memory === undefined ? 'no memory limit is set' : `memory limit is ${memory} (unlimited)`,
        path: ['resources', 'memory'],
      },
    ]
  },
  fixtures: {
    pass: [{ resources: { memory: 536870912 } }, { resources: { memory: 6291456, memorySwap: -1 } }],
    fail: [{}, { resources: { memory: 0 } }, { resources: { memoryReservation: 268435456 } }],
  },
})
