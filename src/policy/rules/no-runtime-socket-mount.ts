import type { Mount } from '../../model/container-spec.js'
import type { RawFinding } from '../../model/finding.js'
import { defineRule } from '../rule.js'
import { isRuntimePipe, runtimeSocketReach } from '../runtime-sockets.js'

function describe(src: string, shown: string): string | undefined {
  const reach = runtimeSocketReach(src)
  if (!reach) return undefined
  return reach.how === 'is'
    ? `${shown} is a container runtime API socket`
    : `${shown} contains the container runtime API socket ${reach.socket}`
}

function mountFindings(m: Mount, i: number): RawFinding[] {
  if (m.type === 'npipe') {
    return isRuntimePipe(m.source)
      ? [
          {
            message: `named pipe ${m.source} is the container engine's API pipe`,
            path: ['mounts', i, 'source'],
          },
        ]
      : []
  }
  if (m.type === 'bind') {
    return [m.source, m.resolvedSource].flatMap((src) => {
      if (src === undefined) return []
      const shown = src === m.source ? `host ${src}` : `host ${m.source} (resolves to ${src})`
      const what = describe(src, `bind mount of ${shown}`)
      return what ? [{ message: what, path: ['mounts', i, 'source'] }] : []
    })
  }
  const device = m.volumeOptions?.['device']
  if (m.type === 'volume' && device !== undefined) {
    const what = describe(device, `volume "${m.source || '(anonymous)'}" with driver option device=${device}`)
    return what ? [{ message: what, path: ['mounts', i, 'volumeOptions', 'device'] }] : []
  }
  return []
}

export default defineRule({
  id: 'AL-0011',
  slug: 'no-runtime-socket-mount',
  title: 'Container runtime sockets must not be mounted',
  severity: 'critical',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "The API socket of Docker, containerd, CRI-O, cri-dockerd, Podman or BuildKit accepts requests from anyone who can open it. A container holding it can start a privileged container that mounts the host's root file system: root on the host, without going through this gate. This covers the socket at its well-known paths, a socket of that name anywhere (copied or linked elsewhere), a directory containing one, a local-driver volume whose device is one, and the Windows engine pipe.",
  remediation:
    'Remove -v /var/run/docker.sock:/var/run/docker.sock (compose: volumes: ["/var/run/docker.sock:/var/run/docker.sock"]; Kubernetes: a hostPath volume of the socket). Tools that need the Docker API should connect to Airlock\'s proxy over TCP with their own credentials (DOCKER_HOST=tcp://airlock:2376) so their requests are decided too.',
  frameworks: { 'cis-docker-1.6': ['5.32'], pss: ['baseline/host-path-volumes'] },
  check: (spec) => spec.mounts.flatMap(mountFindings),
  fixtures: {
    pass: [
      {},
      { mounts: [{ type: 'bind', source: '/home/dev/project', target: '/src' }] },
      { mounts: [{ type: 'bind', source: '/home/dev/docker.sockets.md', target: '/x' }] },
      { mounts: [{ type: 'volume', source: 'docker.sock', target: '/data' }] },
      { mounts: [{ type: 'npipe', source: '\\\\.\\pipe\\myapp', target: '\\\\.\\pipe\\myapp' }] },
    ],
    fail: [
      { mounts: [{ type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock' }] },
      { mounts: [{ type: 'bind', source: '/run//docker.sock', target: '/d.sock', readOnly: true }] },
      { mounts: [{ type: 'bind', source: '/run/containerd/containerd.sock', target: '/c.sock' }] },
      { mounts: [{ type: 'bind', source: '/run/containerd', target: '/c' }] },
      { mounts: [{ type: 'bind', source: '/var/run/cri-dockerd.sock', target: '/c.sock' }] },
      { mounts: [{ type: 'bind', source: '/run/crio/crio.sock', target: '/c.sock' }] },
      { mounts: [{ type: 'bind', source: '/run/user/1000/podman/podman.sock', target: '/p.sock' }] },
      { mounts: [{ type: 'bind', source: '/run/buildkit/buildkitd.sock', target: '/b.sock' }] },
      { mounts: [{ type: 'bind', source: '/var/run/dockershim.sock', target: '/d.sock' }] },
      { mounts: [{ type: 'bind', source: '/home/ci/Docker.sock', target: '/d.sock' }] },
      {
        mounts: [{ type: 'bind', source: '/srv/link', resolvedSource: '/var/run/docker.sock', target: '/d' }],
      },
      {
        mounts: [
          {
            type: 'volume',
            source: 'sock',
            target: '/var/run/docker.sock',
            volumeOptions: { type: 'none', o: 'bind', device: '/var/run/docker.sock' },
          },
        ],
      },
      {
        mounts: [
          { type: 'npipe', source: '\\\\.\\pipe\\docker_engine', target: '\\\\.\\pipe\\docker_engine' },
        ],
      },
      { mounts: [{ type: 'bind', source: '/', target: '/host', readOnly: true }] },
    ],
  },
})
