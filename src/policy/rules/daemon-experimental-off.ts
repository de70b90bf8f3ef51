import { defineDaemonRule } from '../rule.js'

export default defineDaemonRule({
  id: 'AL-0209',
  slug: 'daemon-experimental-off',
  title: 'Production daemons should not enable experimental features',
  severity: 'low',
  level: 'restricted',
  appliesTo: 'daemon',
  description:
    'Experimental features are unfinished: they change between releases, get less review and are excluded from some security fixes. A production daemon should run only stable features.',
  remediation:
    'Remove "experimental": true from daemon.json (or --experimental from the command line) and restart dockerd.',
  frameworks: { 'cis-docker-1.6-daemon': ['2.18'] },
  check: (posture) =>
    posture.experimental
      ? [{ message: 'experimental features are enabled on the daemon', path: ['experimental'] }]
      : [],
  fixtures: {
    pass: [{}, { experimental: false }],
    fail: [{ experimental: true }],
  },
})
