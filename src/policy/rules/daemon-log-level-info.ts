import { defineDaemonRule } from '../rule.js'

export default defineDaemonRule({
  id: 'AL-0210',
  slug: 'daemon-log-level-info',
  title: "The daemon should log at level 'info'",
  severity: 'low',
  level: 'restricted',
  appliesTo: 'daemon',
  description:
    "At 'info' the daemon logs what an incident responder needs (container lifecycle, API errors) without the request bodies, environment variables and registry credentials that 'debug' can write to the logs. Below 'info' (warn, error, fatal) those events are lost.",
  remediation:
    'Set "log-level": "info" in daemon.json (or --log-level=info), remove "debug": true (or -D), and restart dockerd.',
  frameworks: { 'cis-docker-1.6-daemon': ['2.3'] },
  check: (posture) => {
    if (posture.debug) {
      return [
        {
          message: 'the daemon runs in debug mode: its logs may contain request bodies and secrets',
          path: ['debug'],
        },
      ]
    }
    const level = posture.logLevel
    if (level === undefined || level.toLowerCase() === 'info') return []
    return [{ message: `the daemon log level is "${level}", not "info"`, path: ['logLevel'] }]
  },
  fixtures: {
    pass: [{}, { logLevel: 'info' }, { logLevel: 'INFO' }],
    fail: [{ debug: true }, { logLevel: 'debug' }, { logLevel: 'error' }],
  },
})
