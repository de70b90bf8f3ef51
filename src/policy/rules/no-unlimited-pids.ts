import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0043',
  slug: 'no-unlimited-pids',
  title: 'Containers must not remove the PIDs limit',
  severity: 'medium',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "A PIDs limit of 0 or less tells dockerd to remove the limit the policy would otherwise set: one fork bomb then fills the host's process table and takes down the daemon and every other container. Leaving the limit unset is fine (the default policy fills it in); asking for unlimited is not.",
  remediation:
    'Remove --pids-limit -1 / --pids-limit 0 (compose: pids_limit: -1 or 0); leave it unset or set a positive limit such as --pids-limit 4096.',
  frameworks: { 'cis-docker-1.6': ['5.29'] },
  check: (spec) => {
    const limit = spec.resources.pidsLimit
    if (limit === undefined || limit > 0) return []
    return [{ message: `PIDs limit is explicitly ${limit} (unlimited)`, path: ['resources', 'pidsLimit'] }]
  },
  fixtures: {
    pass: [{}, { resources: { pidsLimit: 4096 } }, { resources: { pidsLimit: 1 } }],
    fail: [
      { resources: { pidsLimit: -1 } },
      { resources: { pidsLimit: 0 } },
      { resources: { pidsLimit: Number.MIN_SAFE_INTEGER } },
    ],
  },
})
