import { HOST_INTERFACE_DRIVERS } from '../network-drivers.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0053',
  slug: 'network-driver-allowed',
  title: 'Networks must use an allowed network driver',
  severity: 'high',
  level: 'baseline',
  appliesTo: ['network.create'],
  description:
    "A network driver other than the built-in ones is a plugin the daemon calls as root to create interfaces, routes and firewall rules on the host; a driver name the caller chooses can also select a legacy plugin socket. Only drivers in settings.allowedNetworkDrivers (bridge, overlay, null and the default) pass; macvlan and ipvlan are AL-0052's.",
  remediation:
    'Create networks with the default bridge driver (docker network create app; compose: networks without driver:) or overlay for swarm, or have the driver added to allowedNetworkDrivers.',
  frameworks: {},
  check: (a, { settings }) => {
    if (settings.allowedNetworkDrivers.includes(a.driver) || HOST_INTERFACE_DRIVERS.includes(a.driver))
      return []
    return [
      {
        message: `network "${a.name}" uses driver "${a.driver}", which is not allowed (allowed: ${settings.allowedNetworkDrivers.map((d) => d || '(default)').join(', ')})`,
        path: ['driver'],
      },
    ]
  },
  fixtures: {
    pass: [
      { kind: 'network.create', name: 'app' },
      { kind: 'network.create', name: 'app', driver: 'bridge' },
      { kind: 'network.create', name: 'ov', driver: 'overlay' },
      { kind: 'network.create', name: 'lan', driver: 'macvlan' },
    ],
    fail: [
      { kind: 'network.create', name: 'w', driver: 'weaveworks/net-plugin:latest' },
      { kind: 'network.create', name: 'h', driver: 'host' },
      { kind: 'network.create', name: 'm', driver: 'MACVLAN' },
      { kind: 'network.create', name: 'b', driver: 'Bridge' },
    ],
  },
})
