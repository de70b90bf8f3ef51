import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0041',
  slug: 'cpu-limit',
  title: 'Containers should have a CPU limit or weight',
  severity: 'low',
  level: 'restricted',
  appliesTo: 'container',
  description:
    'Without a CPU quota or weight a busy container competes with the host and every other container on equal terms and can starve them. --cpus (nano-CPUs) or --cpu-quota caps it; --cpu-shares at least sets its priority relative to others.',
  remediation:
    'Set --cpus 1.5 (compose: cpus: 1.5 or deploy.resources.limits.cpus; Kubernetes: resources.limits.cpu), or --cpu-quota/--cpu-period, or --cpu-shares 512 (compose: cpu_shares:; Kubernetes: resources.requests.cpu).',
  frameworks: { 'cis-docker-1.6': ['5.12'] },
  check: (spec) => {
    const r = spec.resources
    if ((r.nanoCpus ?? 0) > 0 || (r.cpuQuota ?? 0) > 0 || (r.cpuShares ?? 0) > 0) return []
    return [
      {
        message: 'no CPU limit or weight is set (nanoCpus, cpuQuota and cpuShares are unset)',
        path: ['resources', 'nanoCpus'],
      },
    ]
  },
  fixtures: {
    pass: [
      { resources: { nanoCpus: 1500000000 } },
      { resources: { cpuQuota: 50000, cpuPeriod: 100000 } },
      { resources: { cpuShares: 512 } },
    ],
    fail: [{}, { resources: { nanoCpus: 0, cpuQuota: -1 } }, { resources: { cpusetCpus: '0-1' } }],
  },
})
