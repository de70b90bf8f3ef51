import type { RawFinding } from '../../model/finding.js'
import { isLocalDriver, localVolumeHostRisk } from '../local-volume.js'
import { defineRule } from '../rule.js'
import { runtimeSocketReach } from '../runtime-sockets.js'

export default defineRule({
  id: 'AL-0090',
  slug: 'volume-create-no-host-bind',
  title: 'docker volume create must not bind sensitive host paths or mount host devices',
  severity: 'critical',
  level: 'baseline',
  appliesTo: ['volume.create'],
  description:
    "docker volume create -o type=none -o o=bind -o device=/ makes a named volume that is the host's root file system; any container can then mount it by name (-v hostroot:/x) and no container request shows a host path. The same holds for type=ext4,device=/dev/sda1, type=proc and other file systems the daemon mounts as root, and for a device option naming a container runtime socket with any driver. This is AL-0010, AL-0011 and AL-0012 for volumes created ahead of time.",
  remediation:
    'Create plain volumes (docker volume create data; compose: volumes: {data: {}}) or tmpfs ones (-o type=tmpfs -o device=tmpfs); bind project directories directly in the container instead (-v ./data:/data).',
  frameworks: {},
  check: (a, { settings }) => {
    const out: RawFinding[] = []
    const device = a.driverOpts['device']
    const socket = device === undefined ? undefined : runtimeSocketReach(device)
    if (socket) {
      const what =
        socket.how === 'is'
          ? 'is a container runtime API socket'
          : `contains the runtime socket ${socket.socket}`
      out.push({ message: `volume "${a.name}" device ${device} ${what}`, path: ['driverOpts', 'device'] })
    }
    if (isLocalDriver(a.driver)) {
      const risk = localVolumeHostRisk(a.driverOpts, false, settings)
      if (risk) out.push({ message: `volume "${a.name}": ${risk.message}`, path: ['driverOpts', risk.key] })
    }
    return out
  },
  fixtures: {
    pass: [
      { kind: 'volume.create', name: 'data' },
      { kind: 'volume.create', name: 'cache', driverOpts: { type: 'tmpfs', device: 'tmpfs', o: 'size=64m' } },
      {
        kind: 'volume.create',
        name: 'proj',
        driverOpts: { type: 'none', o: 'bind', device: '/home/dev/project' },
      },
    ],
    fail: [
      { kind: 'volume.create', name: 'hostroot', driverOpts: { type: 'none', o: 'bind', device: '/' } },
      {
        kind: 'volume.create',
        name: 'etc',
        driver: 'local',
        driverOpts: { type: 'none', o: 'rbind,ro', device: '/etc' },
      },
      {
        kind: 'volume.create',
        name: 'sock',
        driverOpts: { type: 'none', o: 'bind', device: '/run/docker.sock' },
      },
      {
        kind: 'volume.create',
        name: 'sock',
        driver: 'some-plugin',
        driverOpts: { device: '/var/run/docker.sock' },
      },
      { kind: 'volume.create', name: 'disk', driverOpts: { type: 'xfs', device: '/dev/nvme0n1p1' } },
      { kind: 'volume.create', name: 'p', driverOpts: { type: 'proc', device: 'proc' } },
    ],
  },
})
