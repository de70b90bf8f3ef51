import { goToLower } from '../../model/go-strings.js'
import { classifyLocalVolume, isLocalDriver } from '../local-volume.js'
import { defineRule } from '../rule.js'

const SHARED = ['shared', 'rshared']

export default defineRule({
  id: 'AL-0014',
  slug: 'no-shared-mount-propagation',
  title: 'Mounts must not use shared propagation',
  severity: 'medium',
  level: 'baseline',
  appliesTo: 'container',
  description:
    'With shared (or rshared) propagation, mounts made inside the container below the bind target propagate back to the host at the bind source: a process that can mount (CAP_SYS_ADMIN, a compromised privileged sidecar) can cover host paths, and host-side tools see container-made mounts. slave and rslave propagation only let host mounts flow into the container and are allowed (node exporters and cAdvisor use rslave to follow host mounts).',
  remediation:
    'Remove the shared propagation (-v /src:/dst:rshared; --mount type=bind,bind-propagation=shared; compose: bind: {propagation: rshared}; Kubernetes: mountPropagation: Bidirectional). Use rslave (Kubernetes: HostToContainer) if the container only needs to see host mounts.',
  frameworks: { 'cis-docker-1.6': ['5.20'] },
  check: (spec) =>
    spec.mounts.flatMap((m, i) => {
      if (m.propagation !== undefined && SHARED.includes(goToLower(m.propagation))) {
        return [
          {
            message: `mount of ${m.source || '(anonymous)'} at ${m.target} uses ${m.propagation} propagation`,
            path: ['mounts', i, 'propagation'],
          },
        ]
      }
      if (m.type !== 'volume' || !isLocalDriver(m.volumeDriver)) return []
      const v = classifyLocalVolume(m.volumeOptions)
      const shared = v?.kind === 'bind' ? v.propagation.find((p) => SHARED.includes(p)) : undefined
      if (!shared) return []
      return [
        {
          message: `volume "${m.source || '(anonymous)'}" binds ${v?.kind === 'bind' ? v.device : ''} with ${shared} propagation (o=${m.volumeOptions?.['o'] ?? ''})`,
          path: ['mounts', i, 'volumeOptions', 'o'],
        },
      ]
    }),
  fixtures: {
    pass: [
      {},
      { mounts: [{ type: 'bind', source: '/home/dev/p', target: '/p' }] },
      { mounts: [{ type: 'bind', source: '/home/dev/p', target: '/p', propagation: 'rprivate' }] },
      {
        mounts: [
          {
            type: 'bind',
            source: '/mnt/data',
            target: '/rootfs/data',
            propagation: 'rslave',
            readOnly: true,
          },
        ],
      },
      { mounts: [{ type: 'bind', source: '/mnt/data', target: '/d', propagation: 'slave' }] },
    ],
    fail: [
      { mounts: [{ type: 'bind', source: '/mnt/data', target: '/d', propagation: 'shared' }] },
      { mounts: [{ type: 'bind', source: '/mnt/data', target: '/d', propagation: 'rshared' }] },
      { mounts: [{ type: 'bind', source: '/mnt/data', target: '/d', propagation: 'RShared' }] },
      {
        mounts: [
          {
            type: 'volume',
            source: 'v',
            target: '/d',
            volumeOptions: { type: 'none', o: 'bind,rshared', device: '/mnt/data' },
          },
        ],
      },
    ],
  },
})
