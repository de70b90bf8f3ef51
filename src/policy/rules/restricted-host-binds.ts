import type { Mount } from '../../model/container-spec.js'
import type { RawFinding } from '../../model/finding.js'
import { isAllowedHostPath } from '../host-path.js'
import { classifyLocalVolume, isLocalDriver } from '../local-volume.js'
import { defineRule } from '../rule.js'

function outside(allowed: readonly string[]): string {
  return allowed.length === 0
    ? 'no host paths are allowed (settings.allowedHostPaths is empty)'
    : `outside the allowed host paths ${allowed.join(', ')}`
}

function findings(m: Mount, i: number, allowed: readonly string[]): RawFinding[] {
  if (m.type === 'npipe') {
    return [
      {
        message: `named pipe ${m.source} is a host object and ${outside(allowed)}`,
        path: ['mounts', i, 'source'],
      },
    ]
  }
  if (m.type === 'bind') {
    return [m.source, m.resolvedSource].flatMap((src) => {
      if (src === undefined || isAllowedHostPath(src, allowed)) return []
      const shown = src === m.source ? src : `${m.source} (resolves to ${src})`
      return [{ message: `bind mount of host ${shown}: ${outside(allowed)}`, path: ['mounts', i, 'source'] }]
    })
  }
  if (m.type !== 'volume' || !isLocalDriver(m.volumeDriver)) return []
  const v = classifyLocalVolume(m.volumeOptions)
  if (v?.kind !== 'bind' || isAllowedHostPath(v.device, allowed)) return []
  return [
    {
      message: `volume "${m.source || '(anonymous)'}" binds host ${v.device}: ${outside(allowed)}`,
      path: ['mounts', i, 'volumeOptions', 'device'],
    },
  ]
}

export default defineRule({
  id: 'AL-0015',
  slug: 'restricted-host-binds',
  title: 'Host paths may be bound only under the allowed prefixes',
  severity: 'medium',
  level: 'restricted',
  appliesTo: 'container',
  description:
    'Any bind mount shares part of the host file system with the container, owned by host uids: a root container can plant setuid binaries or edit files the host later runs. Least privilege keeps container data in volumes and allows binds only below directories the policy names (settings.allowedHostPaths); with none named, no binds at all. Local-driver volume binds (o=bind,device=...) and Windows named pipes count as binds.',
  remediation:
    'Use a named volume (-v data:/data; compose: volumes: ["data:/data"]; Kubernetes: emptyDir, configMap, secret or a PersistentVolumeClaim instead of hostPath), or ask for the host directory to be added to allowedHostPaths.',
  frameworks: { 'cis-docker-1.6': ['5.6'], pss: ['restricted/volume-types'] },
  check: (spec, { settings }) => spec.mounts.flatMap((m, i) => findings(m, i, settings.allowedHostPaths)),
  fixtures: {
    pass: [
      {},
      { mounts: [{ type: 'volume', source: 'data', target: '/data' }] },
      { mounts: [{ type: 'tmpfs', target: '/tmp' }] },
      {
        mounts: [
          { type: 'volume', source: 'c', target: '/c', volumeOptions: { type: 'tmpfs', device: 'tmpfs' } },
        ],
      },
      { mounts: [{ type: 'image', source: 'alpine:3.20', target: '/img' }] },
    ],
    fail: [
      { mounts: [{ type: 'bind', source: '/home/dev/project', target: '/src' }] },
      { mounts: [{ type: 'bind', source: '/etc/localtime', target: '/etc/localtime', readOnly: true }] },
      {
        mounts: [
          {
            type: 'volume',
            source: 'p',
            target: '/p',
            volumeOptions: { type: 'none', o: 'bind', device: '/srv/p' },
          },
        ],
      },
      { mounts: [{ type: 'npipe', source: '\\\\.\\pipe\\app', target: '\\\\.\\pipe\\app' }] },
    ],
  },
})
