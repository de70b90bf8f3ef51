import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0044',
  slug: 'no-oom-kill-disable',
  title: 'Containers must not disable the OOM killer without a memory limit',
  severity: 'medium',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "--oom-kill-disable exempts the container's processes from the kernel's OOM killer. With no memory limit, a leak then grows until the host runs out of memory and the kernel kills other processes instead: the daemon, sshd, other containers. With a memory limit the setting only makes the container itself stall at its limit, which hurts nobody else, so it passes.",
  remediation:
    'Remove --oom-kill-disable (compose: oom_kill_disable: true), or set a memory limit alongside it (--memory 512m; compose: mem_limit: 512m).',
  frameworks: {},
  check: (spec) => {
    const { oomKillDisable, memory } = spec.resources
    if (oomKillDisable !== true || (memory !== undefined && memory > 0)) return []
    return [
      {
        message:
          'OOM killer is disabled and no memory limit is set: host memory exhaustion kills other processes',
        path: ['resources', 'oomKillDisable'],
      },
    ]
  },
  fixtures: {
    pass: [
      {},
      { resources: { oomKillDisable: false } },
      { resources: { oomKillDisable: true, memory: 536870912 } },
    ],
    fail: [{ resources: { oomKillDisable: true } }, { resources: { oomKillDisable: true, memory: 0 } }],
  },
})
