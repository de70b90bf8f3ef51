import { classifyLocalVolume, isLocalDriver } from '../local-volume.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0091',
  slug: 'volume-create-no-remote',
  title: 'docker volume create must not mount remote file systems',
  severity: 'high',
  level: 'baseline',
  appliesTo: ['volume.create'],
  description:
    "docker volume create -o type=nfs -o o=addr=... (or cifs, smb3, ceph, 9p) makes the daemon mount a remote share as root when a container first uses the volume: the daemon connects from the host's network to an address the caller chose, and the host kernel's file system client talks to a server the caller may control. AL-0013 for volumes created ahead of time.",
  remediation:
    'Have an administrator create network volumes (docker volume create --driver local -o type=nfs ...) and exempt them, or use a volume plugin from allowedVolumeDrivers that the administrator configured.',
  frameworks: {},
  check: (a) => {
    if (!isLocalDriver(a.driver)) return []
    const v = classifyLocalVolume(a.driverOpts)
    if (v?.kind !== 'remote') return []
    return [
      {
        message: `volume "${a.name}": the local driver mounts a remote ${v.type ? `"${v.type}" ` : ''}file system from ${v.address} as root on the daemon host`,
        path: ['driverOpts', 'type'],
      },
    ]
  },
  fixtures: {
    pass: [
      { kind: 'volume.create', name: 'data' },
      { kind: 'volume.create', name: 't', driverOpts: { type: 'tmpfs', device: 'tmpfs' } },
    ],
    fail: [
      {
        kind: 'volume.create',
        name: 'n',
        driverOpts: { type: 'nfs', o: 'addr=169.254.169.254,rw', device: ':/' },
      },
      {
        kind: 'volume.create',
        name: 's',
        driverOpts: { type: 'cifs', o: 'username=x', device: '//10.0.0.2/share' },
      },
    ],
  },
})
