import { classifyLocalVolume, isLocalDriver, mountOptionTokens } from '../local-volume.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0013',
  slug: 'no-remote-volume-mount',
  title: 'Volumes must not make the daemon mount remote file systems',
  severity: 'high',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "Local-driver options type=nfs, nfs4, cifs, smb3, ceph, 9p (or an addr= mount option) make the daemon mount a remote share as root, from an address the caller chooses, on the daemon's host: it reaches servers only the host can reach, presents the host's credentials and network identity, exposes the host kernel's file system client to a server the caller controls, and root-owned files on a no_root_squash export become the container's.",
  remediation:
    'Have an administrator create the network volume once (docker volume create with an allowed driver) and reference it by name (-v shared:/data; compose: an external: true volume; Kubernetes: a PersistentVolumeClaim), instead of passing volume-opt=type=nfs / driver_opts: {type: nfs} per container.',
  frameworks: { pss: ['restricted/volume-types'] },
  check: (spec) =>
    spec.mounts.flatMap((m, i) => {
      if (m.type !== 'volume' || !isLocalDriver(m.volumeDriver)) return []
      const v = classifyLocalVolume(m.volumeOptions)
      if (v?.kind !== 'remote') return []
      const byAddr = mountOptionTokens(m.volumeOptions?.['o']).some((t) => t.startsWith('addr='))
      return [
        {
          message: `volume "${m.source || '(anonymous)'}": the local driver mounts a remote ${v.type ? `"${v.type}" ` : ''}file system from ${v.address} as root on the daemon host`,
          path: ['mounts', i, 'volumeOptions', byAddr ? 'o' : 'type'],
        },
      ]
    }),
  fixtures: {
    pass: [
      {},
      { mounts: [{ type: 'volume', source: 'shared', target: '/data' }] },
      {
        mounts: [
          { type: 'volume', source: 'c', target: '/c', volumeOptions: { type: 'tmpfs', device: 'tmpfs' } },
        ],
      },
    ],
    fail: [
      {
        mounts: [
          {
            type: 'volume',
            source: 'n',
            target: '/n',
            volumeOptions: { type: 'nfs', o: 'addr=10.0.0.5,rw', device: ':/export' },
          },
        ],
      },
      {
        mounts: [
          {
            type: 'volume',
            source: 'n',
            target: '/n',
            volumeOptions: { type: 'nfs4', o: 'addr=fs.corp', device: ':/' },
          },
        ],
      },
      {
        mounts: [
          {
            type: 'volume',
            source: 's',
            target: '/s',
            volumeOptions: { type: 'cifs', o: 'username=u,password=p', device: '//192.168.1.2/share' },
          },
        ],
      },
      {
        mounts: [
          {
            type: 'volume',
            source: 'x',
            target: '/x',
            volumeOptions: { type: 'weird', o: 'addr=169.254.169.254', device: ':/' },
          },
        ],
      },
    ],
  },
})
