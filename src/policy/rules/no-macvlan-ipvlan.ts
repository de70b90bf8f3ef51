import type { RawFinding } from '../../model/finding.js'
import { HOST_INTERFACE_DRIVERS } from '../network-drivers.js'
import { defineRule } from '../rule.js'

const BRIDGE_NAME = 'com.docker.network.bridge.name'

export default defineRule({
  id: 'AL-0052',
  slug: 'no-macvlan-ipvlan',
  title: 'Networks must not attach containers directly to host interfaces',
  severity: 'high',
  level: 'baseline',
  appliesTo: ['network.create'],
  description:
    "macvlan and ipvlan networks put containers directly on a host interface's layer-2 segment (options.parent, e.g. eth0): they get addresses on the physical LAN, bypass Docker's NAT and the host firewall, and can spoof or sniff neighbours on that segment. A bridge network that names its bridge (com.docker.network.bridge.name) joins an existing host bridge of that name, such as the br0 that host VMs use, with the same effect. dockerd matches driver names exactly, so only the lower-case names select these drivers.",
  remediation:
    'Use a bridge network (docker network create app; compose: networks: {app: {}}) and publish ports; let an administrator create macvlan networks (docker network create -d macvlan -o parent=eth0) when they are really needed, and omit -o com.docker.network.bridge.name (compose: driver_opts).',
  frameworks: {},
  check: (a) => {
    const out: RawFinding[] = []
    if (HOST_INTERFACE_DRIVERS.includes(a.driver)) {
      const parent = a.options['parent']
      const on = parent
        ? `host interface ${parent}`
        : a.configFrom
          ? `the host interface configured in network "${a.configFrom}"`
          : 'a host interface (a dummy one when no parent is given)'
      out.push({ message: `network "${a.name}" uses the ${a.driver} driver on ${on}`, path: ['driver'] })
    }
    const bridge = a.options[BRIDGE_NAME]
    if ((a.driver === '' || a.driver === 'bridge') && bridge !== undefined) {
      out.push({
        message: `network "${a.name}" names its bridge "${bridge}": an existing host bridge of that name is joined`,
        path: ['options', BRIDGE_NAME],
      })
    }
    return out
  },
  fixtures: {
    pass: [
      { kind: 'network.create', name: 'app' },
      {
        kind: 'network.create',
        name: 'app',
        driver: 'bridge',
        options: { 'com.docker.network.driver.mtu': '1400' },
      },
      { kind: 'network.create', name: 'ov', driver: 'overlay', attachable: true },
      { kind: 'network.create', name: 'cfg', configOnly: true, options: { parent: 'eth0' } },
    ],
    fail: [
      { kind: 'network.create', name: 'lan', driver: 'macvlan', options: { parent: 'eth0' } },
      {
        kind: 'network.create',
        name: 'lan',
        driver: 'ipvlan',
        options: { parent: 'eth0.10', ipvlan_mode: 'l2' },
      },
      { kind: 'network.create', name: 'lan', driver: 'macvlan', configFrom: 'cfg' },
      {
        kind: 'network.create',
        name: 'br',
        driver: 'bridge',
        options: { 'com.docker.network.bridge.name': 'br0' },
      },
    ],
  },
})
