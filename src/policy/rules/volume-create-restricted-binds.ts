import { isAllowedHostPath } from '../host-path.js'
import { classifyLocalVolume, isLocalDriver } from '../local-volume.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0093',
  slug: 'volume-create-restricted-binds',
  title: 'docker volume create may bind host paths only under the allowed prefixes',
  severity: 'medium',
  level: 'restricted',
  appliesTo: ['volume.create'],
  description:
    'A local volume created with -o type=none -o o=bind -o device=<path> is a bind mount of that host path for every container that mounts the volume. Under least privilege it is held to the same allow-list as direct binds (settings.allowedHostPaths; empty means none). AL-0015 for volumes created ahead of time.',
  remediation:
    'Create plain named volumes (docker volume create data; compose: volumes: {data: {}}), or ask for the host directory to be added to allowedHostPaths.',
  frameworks: {},
  check: (a, { settings }) => {
    if (!isLocalDriver(a.driver)) return []
    const v = classifyLocalVolume(a.driverOpts)
    if (v?.kind !== 'bind' || isAllowedHostPath(v.device, settings.allowedHostPaths)) return []
    const allowed = settings.allowedHostPaths
    const why =
      allowed.length === 0
        ? 'no host paths are allowed'
        : `outside the allowed host paths ${allowed.join(', ')}`
    return [{ message: `volume "${a.name}" binds host ${v.device}: ${why}`, path: ['driverOpts', 'device'] }]
  },
  fixtures: {
    pass: [
      { kind: 'volume.create', name: 'data' },
      { kind: 'volume.create', name: 't', driverOpts: { type: 'tmpfs', device: 'tmpfs' } },
    ],
    fail: [
      {
        kind: 'volume.create',
        name: 'p',
        driverOpts: { type: 'none', o: 'bind', device: '/home/dev/project' },
      },
    ],
  },
})
