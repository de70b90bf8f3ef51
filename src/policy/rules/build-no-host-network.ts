import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0061',
  slug: 'build-no-host-network',
  title: "Builds must not run in the host's network namespace",
  severity: 'high',
  level: 'baseline',
  appliesTo: ['image.build'],
  description:
    "docker build --network host runs every RUN step of a Dockerfile the caller supplies in the host's network namespace, as root: it reaches services bound to the host's loopback (the daemon's TCP port, containerd, databases, metadata proxies), the host's interfaces and every network the host can route to. With BuildKit it also grants the network.host entitlement to RUN --network=host.",
  remediation:
    'Remove --network host from docker build (compose: build: {network: host}); builds get their own network by default. Reach private package mirrors through a published address or --add-host.',
  frameworks: {},
  check: (a) =>
    a.networkMode === 'host'
      ? [
          {
            message: 'build runs in the host\'s network namespace (networkmode "host")',
            path: ['networkMode'],
          },
        ]
      : [],
  fixtures: {
    pass: [
      { kind: 'image.build', tags: ['app:1'] },
      { kind: 'image.build', networkMode: 'default' },
      { kind: 'image.build', networkMode: 'none' },
      { kind: 'image.build', extraHosts: ['mirror:10.0.0.5'] },
    ],
    fail: [
      { kind: 'image.build', networkMode: 'host' },
      { kind: 'image.build', networkMode: 'host', builderVersion: '2' },
    ],
  },
})
