import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0030',
  slug: 'runtime-allowed',
  title: 'Containers must use an allowed OCI runtime',
  severity: 'high',
  level: 'baseline',
  appliesTo: 'container',
  description:
    'The runtime is the program dockerd runs as root to create the container. Runtimes registered on a daemon for special purposes (nvidia, sysbox, kata with host-mapped devices, a debugging wrapper) may skip or weaken isolation, and a runtime name the caller chooses is a binary the daemon executes. Only runtimes in settings.allowedRuntimes (runc by default) pass.',
  remediation:
    'Remove --runtime <name> (compose: runtime:; Kubernetes: runtimeClassName) to use the daemon default, or have the runtime added to allowedRuntimes.',
  frameworks: {},
  check: (spec, { settings }) =>
    settings.allowedRuntimes.includes(spec.runtime)
      ? []
      : [
          {
            message: `runtime "${spec.runtime}" is not allowed (allowed: ${settings.allowedRuntimes.map((r) => r || '(default)').join(', ')})`,
            path: ['runtime'],
          },
        ],
  fixtures: {
    pass: [{}, { runtime: 'runc' }, { runtime: 'io.containerd.runc.v2' }],
    fail: [
      { runtime: 'nvidia' },
      { runtime: 'sysbox-runc' },
      { runtime: 'RUNC' },
      { runtime: '/usr/local/bin/evil' },
    ],
  },
})
