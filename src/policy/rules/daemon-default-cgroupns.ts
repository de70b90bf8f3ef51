import { defineDaemonRule } from '../rule.js'

export default defineDaemonRule({
  id: 'AL-0212',
  slug: 'daemon-default-cgroupns',
  title: 'Containers should get a private cgroup namespace by default',
  severity: 'low',
  level: 'restricted',
  appliesTo: 'daemon',
  description:
    "On a cgroup v1 host, or with default-cgroupns-mode host, every container that does not ask otherwise shares the host's cgroup namespace: it sees the host's cgroup hierarchy and paths, which helps an attacker map the host and is a step in known cgroup-based escapes. The live-host scan attributes such containers' host cgroup namespace to this daemon setting rather than to each container (AL-0007 still reports containers that ask for it where the default is private).",
  remediation:
    'Run the host on cgroup v2 (systemd.unified_cgroup_hierarchy=1), where dockerd defaults to a private cgroup namespace, and do not set "default-cgroupns-mode": "host" in daemon.json (nor --default-cgroupns-mode=host).',
  frameworks: { pss: ['baseline/host-namespaces'] },
  check: (posture) =>
    posture.defaultCgroupnsMode === 'host'
      ? [
          {
            message:
              "containers share the host's cgroup namespace unless they ask for a private one (default cgroupns mode is host)",
            path: ['defaultCgroupnsMode'],
          },
        ]
      : [],
  fixtures: {
    pass: [{}, { defaultCgroupnsMode: 'private' }],
    fail: [{ defaultCgroupnsMode: 'host' }],
  },
})
