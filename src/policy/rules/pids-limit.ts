import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0042',
  slug: 'pids-limit',
  title: 'Containers should have a bounded PIDs limit',
  severity: 'low',
  level: 'restricted',
  appliesTo: 'container',
  description:
    "A fork bomb in a container without a PIDs limit exhausts the host's process table: nothing on the host can start a process, including the tools to stop it. A limit between 1 and settings.maxPidsLimit contains it; the default policy sets one on containers that leave it unset.",
  remediation:
    'Set --pids-limit 4096 (compose: pids_limit: 4096 or deploy.resources.limits.pids; Kubernetes: the kubelet podPidsLimit), or leave it unset so the policy default applies.',
  frameworks: { 'cis-docker-1.6': ['5.29'] },
  check: (spec, { settings }) => {
    const limit = spec.resources.pidsLimit
    const path = ['resources', 'pidsLimit']
    if (limit === undefined) return [{ message: 'no PIDs limit is set', path }]
    if (limit <= 0) return [{ message: `PIDs limit is ${limit}, which means unlimited`, path }]
    if (limit > settings.maxPidsLimit) {
      return [{ message: `PIDs limit ${limit} is above the maximum of ${settings.maxPidsLimit}`, path }]
    }
    return []
  },
  fixtures: {
    pass: [{ resources: { pidsLimit: 100 } }, { resources: { pidsLimit: 32768 } }],
    fail: [
      {},
      { resources: { pidsLimit: 0 } },
      { resources: { pidsLimit: -1 } },
      { resources: { pidsLimit: 4194304 } },
    ],
  },
})
