import { securityOptionEntries } from '../../model/daemon-posture.js'
import { defineDaemonRule } from '../rule.js'

export default defineDaemonRule({
  id: 'AL-0207',
  slug: 'daemon-seccomp-enabled',
  title: 'The daemon must apply a seccomp profile to containers by default',
  severity: 'high',
  level: 'baseline',
  appliesTo: 'daemon',
  description:
    "Docker's default seccomp profile blocks about 44 system calls containers have no business making (keyctl, add_key, kexec_load, open_by_handle_at, unshare of new user namespaces, …) and so closes whole classes of kernel exploits. A daemon built without seccomp, or started with --seccomp-profile=unconfined, runs every container without that filter unless the container asks for one.",
  remediation:
    'Run a dockerd built with seccomp support and remove "seccomp-profile": "unconfined" from daemon.json (or --seccomp-profile=unconfined from the command line); a custom daemon-wide profile (--seccomp-profile=/etc/docker/seccomp.json) is fine.',
  frameworks: { 'cis-docker-1.6-daemon': ['2.17'] },
  check: (posture) => {
    const seccomp = securityOptionEntries(posture.securityOptions).get('seccomp')
    if (!seccomp) {
      return [
        {
          message:
            'seccomp is not enabled on the daemon (SecurityOptions has no name=seccomp): containers run without a system call filter',
          path: ['securityOptions'],
        },
      ]
    }
    if (seccomp['profile'] === 'unconfined') {
      return [
        {
          message:
            'the daemon-wide seccomp profile is unconfined: containers run without a system call filter by default',
          path: ['securityOptions'],
        },
      ]
    }
    return []
  },
  fixtures: {
    pass: [
      { securityOptions: ['name=seccomp,profile=default'] },
      { securityOptions: ['name=apparmor', 'name=seccomp,profile=builtin', 'name=cgroupns'] },
      { securityOptions: ['name=seccomp,profile=/etc/docker/seccomp.json'] },
    ],
    fail: [
      {},
      { securityOptions: ['name=apparmor'] },
      { securityOptions: ['name=seccomp,profile=unconfined'] },
    ],
  },
})
