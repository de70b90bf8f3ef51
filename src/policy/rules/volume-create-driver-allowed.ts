import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0092',
  slug: 'volume-create-driver-allowed',
  title: 'docker volume create must use an allowed volume driver',
  severity: 'high',
  level: 'baseline',
  appliesTo: ['volume.create'],
  description:
    'A volume driver plugin runs as root and does with its options whatever it implements: local-persist binds any host directory, cloud drivers attach disks to the host. Only drivers in settings.allowedVolumeDrivers (by default the built-in local driver) may be used to create volumes. AL-0017 for volumes created ahead of time.',
  remediation:
    'Create the volume with the default driver (docker volume create data), or have the driver added to allowedVolumeDrivers.',
  frameworks: {},
  check: (a, { settings }) =>
    settings.allowedVolumeDrivers.includes(a.driver)
      ? []
      : [
          {
            message: `volume "${a.name}" uses volume driver "${a.driver}", which is not allowed (allowed: ${settings.allowedVolumeDrivers.map((d) => d || '(default)').join(', ')})`,
            path: ['driver'],
          },
        ],
  fixtures: {
    pass: [
      { kind: 'volume.create', name: 'data' },
      { kind: 'volume.create', name: 'data', driver: 'local' },
    ],
    fail: [
      { kind: 'volume.create', name: 'x', driver: 'local-persist', driverOpts: { mountpoint: '/etc' } },
      { kind: 'volume.create', name: 'x', driver: 'Local' },
    ],
  },
})
