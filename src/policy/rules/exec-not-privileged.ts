import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0034',
  slug: 'exec-not-privileged',
  title: 'Exec sessions must not be privileged',
  severity: 'critical',
  level: 'baseline',
  appliesTo: ['exec.create'],
  description:
    'docker exec --privileged runs the new process with every capability and without seccomp and AppArmor confinement, inside any container, even one that was created unprivileged: a shell that can mount the host disk, load modules and escape.',
  remediation:
    'Run docker exec without --privileged (compose: docker compose exec without --privileged; Kubernetes: kubectl exec has no equivalent; use an ephemeral debug container with a restricted profile). If a task needs a capability, build it into a purpose-made container.',
  frameworks: { 'cis-docker-1.6': ['5.23'] },
  check: (a) =>
    a.privileged
      ? [
          {
            message: `privileged exec of ${JSON.stringify(a.cmd.join(' '))} in ${a.target ?? 'the container'}`,
            path: ['privileged'],
          },
        ]
      : [],
  fixtures: {
    pass: [
      { kind: 'exec.create', target: 'web', cmd: ['sh'] },
      { kind: 'exec.create', target: 'web', cmd: ['sh'], privileged: false, user: 'root' },
    ],
    fail: [
      { kind: 'exec.create', target: 'web', cmd: ['sh'], privileged: true },
      { kind: 'exec.create', privileged: true, user: '1000' },
    ],
  },
})
