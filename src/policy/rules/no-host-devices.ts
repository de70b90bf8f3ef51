import { cleanHostPath } from '../host-path.js'
import { matchesAnyPattern } from '../patterns.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0018',
  slug: 'no-host-devices',
  title: 'Host devices must not be mapped into containers unless allowed',
  severity: 'high',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "A mapped device node is raw access to host hardware: /dev/sda or /dev/nvme0n1 is the host's disk (mount it, read every file, write /etc/shadow), /dev/mem and /dev/kmem host memory, /dev/kmsg the kernel log, /dev/port I/O ports. Devices the policy trusts (settings.allowedDevices, such as /dev/fuse or /dev/net/tun) pass.",
  remediation:
    'Remove --device <path> (compose: devices:; Kubernetes: a hostPath volume of a device, or a device plugin). If the workload needs a harmless device, add it to allowedDevices (exact path or prefix*).',
  frameworks: { 'cis-docker-1.6': ['5.18'] },
  check: (spec, { settings }) =>
    spec.devices.flatMap((d, i) => {
      const host = cleanHostPath(d.pathOnHost)
      if (matchesAnyPattern(host, settings.allowedDevices)) return []
      const inside = d.pathInContainer && d.pathInContainer !== d.pathOnHost ? ` as ${d.pathInContainer}` : ''
      return [
        {
          message: `host device ${d.pathOnHost} mapped into the container${inside} with permissions "${d.permissions}"`,
          path: ['devices', i, 'pathOnHost'],
        },
      ]
    }),
  fixtures: {
    pass: [{}, { devices: [] }],
    fail: [
      { devices: [{ pathOnHost: '/dev/sda' }] },
      { devices: [{ pathOnHost: '/dev/nvme0n1', pathInContainer: '/dev/xvda', permissions: 'r' }] },
      { devices: [{ pathOnHost: '/dev/../dev/mem' }] },
      { devices: [{ pathOnHost: '/dev/fuse' }, { pathOnHost: '/dev/kmsg' }] },
      { devices: [{ pathOnHost: '/dev/disk/by-id/ata-disk0' }] },
    ],
  },
})
