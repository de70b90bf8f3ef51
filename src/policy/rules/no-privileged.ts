import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0001',
  slug: 'no-privileged',
  title: 'Containers must not run privileged',
  severity: 'critical',
  level: 'baseline',
  appliesTo: 'container',
  description:
    'A privileged container gets every capability, every host device, no seccomp or AppArmor confinement and writable /sys: it is root on the host.',
  remediation:
    'Remove --privileged (compose: privileged: true; Kubernetes: securityContext.privileged: true); add only the capabilities (--cap-add, compose cap_add:, Kubernetes capabilities.add) and devices (--device, compose devices:) the workload needs.',
  frameworks: { 'cis-docker-1.6': ['5.5'], pss: ['baseline/privileged'] },
  check: (spec) => (spec.privileged ? [{ message: 'privileged is true', path: ['privileged'] }] : []),
  fixtures: {
    pass: [{}, { privileged: false }, { capAdd: ['NET_ADMIN'] }],
    fail: [
      { privileged: true },
      { privileged: true, capDrop: ['ALL'] },
      { privileged: true, user: '1000', readOnlyRootfs: true, security: { noNewPrivileges: true } },
    ],
  },
})
