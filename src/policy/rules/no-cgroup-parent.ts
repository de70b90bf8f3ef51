import { matchesAnyPattern } from '../patterns.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0031',
  slug: 'no-cgroup-parent',
  title: 'Containers must not choose their cgroup parent',
  severity: 'high',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "--cgroup-parent places the container's processes anywhere in the host's cgroup hierarchy: under the root cgroup or system.slice (outside the limits Docker and systemd enforce for containers), or inside another service's or container's cgroup, where they share and exhaust its limits and devices. Orchestrators that place containers themselves (cri-dockerd's kubepods) can be allowed with settings.allowedCgroupParents.",
  remediation:
    'Remove --cgroup-parent (compose: cgroup_parent:) and let the daemon place the container; set resource limits with --memory, --cpus and --pids-limit instead.',
  frameworks: { 'cis-docker-1.6': ['5.25'] },
  check: (spec, { settings }) => {
    if (
      spec.cgroupParent === '' ||
      matchesAnyPattern(spec.cgroupParent, settings.allowedCgroupParents ?? [])
    ) {
      return []
    }
    return [{ message: `cgroup parent is set to "${spec.cgroupParent}"`, path: ['cgroupParent'] }]
  },
  fixtures: {
    pass: [{}, { cgroupParent: '' }],
    fail: [
      { cgroupParent: '/' },
      { cgroupParent: 'system.slice' },
      { cgroupParent: '/docker/3f2a9c' },
      { cgroupParent: '../../..' },
    ],
  },
})
