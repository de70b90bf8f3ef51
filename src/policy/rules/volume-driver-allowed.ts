import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0017',
  slug: 'volume-driver-allowed',
  title: 'Volumes must use an allowed volume driver',
  severity: 'high',
  level: 'baseline',
  appliesTo: 'container',
  description:
    'A volume driver is a plugin the daemon calls as root with the options the caller passes; third-party drivers mount host paths, cloud disks and network shares on the host (local-persist mounts any host directory), outside every bind-mount check. Only the drivers in settings.allowedVolumeDrivers (by default the built-in local driver) may be named by a container.',
  remediation:
    'Drop --volume-driver / --mount volume-driver=<name> (compose: driver: under volumes:) to use the local driver, or have an administrator create the volume with the needed driver and reference it by name; or add the driver to allowedVolumeDrivers.',
  frameworks: { pss: ['restricted/volume-types'] },
  check: (spec, { settings }) =>
    spec.mounts.flatMap((m, i) => {
      const driver = m.volumeDriver ?? ''
      if (m.type !== 'volume' || settings.allowedVolumeDrivers.includes(driver)) return []
      return [
        {
          message: `volume "${m.source || '(anonymous)'}" uses volume driver "${driver}", which is not allowed (allowed: ${settings.allowedVolumeDrivers.map((d) => d || '(default)').join(', ')})`,
          path: ['mounts', i, 'volumeDriver'],
        },
      ]
    }),
  fixtures: {
    pass: [
      {},
      { mounts: [{ type: 'volume', source: 'data', target: '/data' }] },
      { mounts: [{ type: 'volume', source: 'data', target: '/data', volumeDriver: 'local' }] },
      { mounts: [{ type: 'bind', source: '/home/dev/p', target: '/p', volumeDriver: 'weird' }] },
    ],
    fail: [
      {
        mounts: [
          {
            type: 'volume',
            source: 'd',
            target: '/d',
            volumeDriver: 'local-persist',
            volumeOptions: { mountpoint: '/etc' },
          },
        ],
      },
      { mounts: [{ type: 'volume', source: 'd', target: '/d', volumeDriver: 'rexray/ebs' }] },
      { mounts: [{ type: 'volume', source: 'd', target: '/d', volumeDriver: 'LOCAL' }] },
      { mounts: [{ type: 'volume', source: 'd', target: '/d', volumeDriver: 'local:latest' }] },
    ],
  },
})
