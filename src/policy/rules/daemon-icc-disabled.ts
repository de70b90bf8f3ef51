import { defineDaemonRule } from '../rule.js'

export default defineDaemonRule({
  id: 'AL-0202',
  slug: 'daemon-icc-disabled',
  title: 'Containers on the default bridge should not talk to each other unrestricted',
  severity: 'medium',
  level: 'restricted',
  appliesTo: 'daemon',
  description:
    'With inter-container communication enabled on the default bridge (docker0), every container started without a network can reach every port of every other such container: one compromised container can attack the rest. Disabling icc makes containers on the default bridge talk only through published ports, links or user-defined networks.',
  remediation:
    'Start dockerd with --icc=false (daemon.json: "icc": false) and put containers that must talk to each other on a user-defined network (docker network create app; --network app; compose does this by default).',
  frameworks: { 'cis-docker-1.6-daemon': ['2.2'] },
  check: (posture) =>
    posture.icc === true
      ? [
          {
            message:
              'inter-container communication is enabled on the default bridge (com.docker.network.bridge.enable_icc is true)',
            path: ['icc'],
          },
        ]
      : [],
  fixtures: {
    pass: [{ icc: false }, {}],
    fail: [{ icc: true }],
  },
})
