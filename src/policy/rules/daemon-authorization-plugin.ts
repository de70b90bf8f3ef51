import { defineDaemonRule } from '../rule.js'

export default defineDaemonRule({
  id: 'AL-0200',
  slug: 'daemon-authorization-plugin',
  title: 'The daemon should authorize API requests with an authorization plugin',
  severity: 'medium',
  level: 'restricted',
  appliesTo: 'daemon',
  description:
    'Without an authorization plugin every client that can reach the Docker socket may do anything the daemon can: start a privileged container, mount the host root, and so become root on the host. An authorization plugin (Airlock runs as one) sees every request and can refuse the dangerous ones. A daemon reachable only through the Airlock proxy is protected the same way; this rule cannot see the proxy and then reports a finding you may waive in the policy.',
  remediation:
    'Start dockerd with --authorization-plugin=airlock (daemon.json: "authorization-plugins": ["airlock"]) after installing the plugin, or expose the daemon only through the Airlock proxy and waive this rule for that host in the policy.',
  frameworks: { 'cis-docker-1.6-daemon': ['2.12'] },
  check: (posture) =>
    posture.authorizationPlugins.length > 0
      ? []
      : [
          {
            message:
              'no authorization plugin is configured: every client of the API may do anything the daemon can',
            path: ['authorizationPlugins'],
          },
        ],
  fixtures: {
    pass: [{ authorizationPlugins: ['airlock'] }, { authorizationPlugins: ['opa-docker-authz', 'airlock'] }],
    fail: [{}, { authorizationPlugins: [] }],
  },
})
