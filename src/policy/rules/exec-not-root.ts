import { userKind } from '../../model/user.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0035',
  slug: 'exec-not-root',
  title: 'Exec sessions should not run as root',
  severity: 'medium',
  level: 'restricted',
  appliesTo: ['exec.create'],
  description:
    "docker exec --user root (or 0, 0:0, 00, +0) runs a process as uid 0 in a container whose workload was meant to run unprivileged, with every capability of the container's bounding set: it can change the image's files, read every secret and use root-only kernel interfaces. An exec without --user runs as the container's own user, which the container rules already judge.",
  remediation:
    "Drop --user root / -u 0 from docker exec (compose: docker compose exec --user; Kubernetes: kubectl exec runs as the container user). Run as the container's user, or use a dedicated maintenance container.",
  frameworks: { 'cis-docker-1.6': ['5.24'] },
  check: (a) =>
    a.user !== '' && userKind(a.user) === 'root'
      ? [{ message: `exec runs as root (user "${a.user}")`, path: ['user'] }]
      : [],
  fixtures: {
    pass: [
      { kind: 'exec.create', target: 'web', cmd: ['sh'] },
      { kind: 'exec.create', user: '1000' },
      { kind: 'exec.create', user: 'www-data' },
      { kind: 'exec.create', user: ':0' },
    ],
    fail: [
      { kind: 'exec.create', user: 'root' },
      { kind: 'exec.create', user: '0' },
      { kind: 'exec.create', user: '0:0' },
      { kind: 'exec.create', user: '00' },
      { kind: 'exec.create', user: 'root:1000' },
      { kind: 'exec.create', user: '-0' },
    ],
  },
})
