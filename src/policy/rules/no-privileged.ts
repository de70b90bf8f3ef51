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
    'Remove --privileged (privileged: true); add only the capabilities and devices the workload needs.',
  frameworks: { 'cis-docker-1.6': ['5.4'], pss: ['baseline/privileged'] },
  check: (spec) => (spec.privileged ? [{ message: 'privileged is true', path: ['privileged'] }] : []),
  fixtures: {
    pass: [{}, { privileged: false }],
    fail: [{ privileged: true }, { privileged: true, capDrop: ['ALL'] }],
  },
})
