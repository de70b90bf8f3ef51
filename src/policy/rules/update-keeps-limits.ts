import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0045',
  slug: 'update-keeps-limits',
  title: "docker update must not remove a container's PIDs limit",
  severity: 'medium',
  level: 'baseline',
  appliesTo: ['container.update'],
  description:
    'docker update changes a running container\'s limits in place. dockerd reads PidsLimit 0 or negative as "remove the limit" (it writes -1 to the pids cgroup), which undoes the limit enforced at create time: the same fork-bomb exposure as AL-0043. Other fields are safe to update: 0 means unchanged, a memory limit below 6 MB (including -1) is rejected by dockerd, and OomKillDisable is ignored by update.',
  remediation:
    'Set a positive limit (docker update --pids-limit 4096) or leave --pids-limit out of the update.',
  frameworks: { 'cis-docker-1.6': ['5.29'] },
  check: (a) =>
    a.pidsLimit !== undefined && a.pidsLimit <= 0
      ? [{ message: `update sets the PIDs limit to ${a.pidsLimit}, which removes it`, path: ['pidsLimit'] }]
      : [],
  fixtures: {
    pass: [
      { kind: 'container.update', target: 'web', memory: 1073741824 },
      { kind: 'container.update', target: 'web', pidsLimit: 2048 },
      {
        kind: 'container.update',
        target: 'web',
        restartPolicy: { name: 'unless-stopped', maximumRetryCount: 0 },
      },
    ],
    fail: [
      { kind: 'container.update', target: 'web', pidsLimit: -1 },
      { kind: 'container.update', target: 'web', pidsLimit: 0, memory: 1073741824 },
    ],
  },
})
