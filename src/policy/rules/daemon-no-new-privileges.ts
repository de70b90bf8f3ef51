import { defineDaemonRule } from '../rule.js'

export default defineDaemonRule({
  id: 'AL-0211',
  slug: 'daemon-no-new-privileges',
  title: 'The daemon should start every container with no-new-privileges',
  severity: 'medium',
  level: 'restricted',
  appliesTo: 'daemon',
  description:
    'With no-new-privileges set daemon-wide, setuid and setcap binaries in an image cannot raise the privileges of a container process, even for containers whose definition forgot --security-opt no-new-privileges. Airlock injects the option per container through its policy defaults; the daemon-wide setting covers callers that bypass Airlock. Only observable when daemon.json or the daemon command line can be read.',
  remediation:
    'Set "no-new-privileges": true in daemon.json (or start dockerd with --no-new-privileges) and restart dockerd.',
  frameworks: { 'cis-docker-1.6-daemon': ['2.14'] },
  check: (posture) =>
    posture.noNewPrivileges === false
      ? [
          {
            message:
              'no-new-privileges is not set daemon-wide: setuid binaries can raise privileges in containers that do not set it',
            path: ['noNewPrivileges'],
          },
        ]
      : [],
  fixtures: {
    pass: [{ noNewPrivileges: true }, {}],
    fail: [{ noNewPrivileges: false }],
  },
})
