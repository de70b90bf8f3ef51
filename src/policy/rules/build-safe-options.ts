import { matchesAnyPattern } from '../patterns.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0062',
  slug: 'build-safe-options',
  title: 'Builds must not choose their cgroup parent',
  severity: 'high',
  level: 'baseline',
  appliesTo: ['image.build'],
  description:
    "The classic builder runs each RUN step in a container created with the build's cgroupparent, so a build can place the caller's commands anywhere in the host's cgroup hierarchy, outside the limits given to containers (see AL-0031). BuildKit (version=2) ignores the option. Other build options were checked and need no rule: BuildKit's local and tar outputs are streamed back to the client over the session and never written on the daemon's host, the classic builder ignores outputs, extra hosts only edit the build's /etc/hosts, and security options are rejected on Linux.",
  remediation:
    "Remove --cgroup-parent from docker build (the Engine API's cgroupparent query); limit classic builds with --memory and --cpu-shares instead, or build with BuildKit (DOCKER_BUILDKIT=1, the default for docker build and compose).",
  frameworks: { 'cis-docker-1.6': ['5.25'] },
  check: (a, { settings }) => {
    if (a.cgroupParent === '' || a.builderVersion === '2') return []
    if (matchesAnyPattern(a.cgroupParent, settings.allowedCgroupParents ?? [])) return []
    return [
      {
        message: `classic build sets cgroup parent "${a.cgroupParent}" for its RUN containers`,
        path: ['cgroupParent'],
      },
    ]
  },
  fixtures: {
    pass: [
      { kind: 'image.build', tags: ['app:1'] },
      { kind: 'image.build', cgroupParent: '/', builderVersion: '2' },
      { kind: 'image.build', builderVersion: '2', outputs: '[{"Type":"local","Attrs":{"dest":"/etc"}}]' },
      { kind: 'image.build', extraHosts: ['host.docker.internal:host-gateway'] },
    ],
    fail: [
      { kind: 'image.build', cgroupParent: '/' },
      { kind: 'image.build', cgroupParent: 'system.slice', builderVersion: '1' },
    ],
  },
})
