import { securityOptionEntries } from '../../model/daemon-posture.js'
import { defineDaemonRule } from '../rule.js'

export default defineDaemonRule({
  id: 'AL-0201',
  slug: 'daemon-userns-remap',
  title: 'The daemon should remap container root to an unprivileged host user',
  severity: 'medium',
  level: 'restricted',
  appliesTo: 'daemon',
  description:
    'Without user namespace remapping, uid 0 in a container is uid 0 on the host: a process that escapes the container (a kernel bug, a mounted socket, a writable host path) is root on the host. With userns-remap, container root maps to an unprivileged subordinate uid range. A rootless daemon gets the same protection and passes.',
  remediation:
    'Start dockerd with --userns-remap=default (daemon.json: "userns-remap": "default"), or run the daemon rootless. Containers that need the host user namespace can still use --userns=host, which Airlock rules judge separately.',
  frameworks: { 'cis-docker-1.6-daemon': ['2.9'] },
  check: (posture) => {
    const options = securityOptionEntries(posture.securityOptions)
    if (options.has('userns') || options.has('rootless')) return []
    return [
      {
        message:
          'user namespace remapping is off (SecurityOptions has no name=userns): root in a container is root on the host',
        path: ['securityOptions'],
      },
    ]
  },
  fixtures: {
    pass: [
      { securityOptions: ['name=seccomp,profile=builtin', 'name=userns'] },
      { securityOptions: ['name=rootless', 'name=seccomp,profile=builtin'] },
    ],
    fail: [{}, { securityOptions: ['name=apparmor', 'name=seccomp,profile=builtin', 'name=cgroupns'] }],
  },
})
