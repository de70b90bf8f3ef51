import { defineDaemonRule } from '../rule.js'

export default defineDaemonRule({
  id: 'AL-0203',
  slug: 'daemon-live-restore',
  title: 'The daemon should keep containers running while it restarts',
  severity: 'low',
  level: 'restricted',
  appliesTo: 'daemon',
  description:
    'Without live restore, stopping or upgrading dockerd stops every container, which makes patching the daemon an outage and so makes it happen less often. With live-restore the containers keep running and the daemon reattaches to them when it comes back. Swarm managers and workers cannot use live restore.',
  remediation:
    'Start dockerd with --live-restore (daemon.json: "live-restore": true) and reload the daemon (systemctl reload docker).',
  frameworks: { 'cis-docker-1.6-daemon': ['2.15'] },
  check: (posture) =>
    posture.liveRestore
      ? []
      : [
          {
            message: 'live restore is disabled: restarting the daemon stops every container',
            path: ['liveRestore'],
          },
        ],
  fixtures: {
    pass: [{ liveRestore: true }],
    fail: [{}, { liveRestore: false }],
  },
})
