import type { RawFinding } from '../../model/finding.js'
import { defineRule } from '../rule.js'

const EFFECT: Record<string, string> = {
  network: "the plugin uses the host's network",
  mount: 'the plugin mounts a host path',
  device: 'the plugin gets a host device',
  'allow-all-devices': 'the plugin may open every host device',
  capabilities: 'the plugin gets these capabilities',
  'host pid namespace': "the plugin joins the host's PID namespace",
  'host ipc namespace': "the plugin joins the host's IPC namespace",
}

export default defineRule({
  id: 'AL-0070',
  slug: 'no-plugin-privileges',
  title: 'Plugins must not be installed with host privileges',
  severity: 'critical',
  level: 'baseline',
  appliesTo: ['plugin.pull', 'plugin.upgrade'],
  description:
    'Managed plugins run as root containers next to the daemon, with the privileges their manifest asks for and the caller accepts: the host network, host PID and IPC namespaces, bind mounts of host paths, host devices, all devices, added capabilities. dockerd installs the plugin only if the accepted list matches the manifest exactly, so every entry here is a privilege the plugin will hold; a plugin image is chosen by the caller. Privileges Airlock does not know are refused too.',
  remediation:
    'Have an administrator install plugins (docker plugin install --grant-all-permissions is not for day-to-day callers); use plugins that need no privileges, or exempt the reviewed plugin by name.',
  frameworks: {},
  check: (a) =>
    a.privileges.flatMap((p, i): RawFinding[] => {
      const values = p.value.filter((v) => v !== '')
      if (p.name === 'network' && values.every((v) => v === 'bridge' || v === 'null' || v === 'none'))
        return []
      const effect = EFFECT[p.name] ?? 'an unrecognized privilege'
      return [
        {
          message: `plugin ${a.remote || a.target || ''} asks for privilege "${p.name}" = ${JSON.stringify(values)}: ${effect}`,
          path: ['privileges', i],
        },
      ]
    }),
  fixtures: {
    pass: [
      { kind: 'plugin.pull', remote: 'vieux/sshfs:latest' },
      { kind: 'plugin.pull', remote: 'example/logger', privileges: [] },
      {
        kind: 'plugin.upgrade',
        target: 'x',
        remote: 'example/x:2',
        privileges: [{ name: 'network', value: ['bridge'] }],
      },
    ],
    fail: [
      { kind: 'plugin.pull', remote: 'vieux/sshfs', privileges: [{ name: 'network', value: ['host'] }] },
      {
        kind: 'plugin.pull',
        remote: 'x/y',
        privileges: [{ name: 'mount', value: ['/var/lib/docker/plugins/'] }],
      },
      { kind: 'plugin.pull', remote: 'x/y', privileges: [{ name: 'device', value: ['/dev/fuse'] }] },
      { kind: 'plugin.pull', remote: 'x/y', privileges: [{ name: 'allow-all-devices', value: ['true'] }] },
      {
        kind: 'plugin.pull',
        remote: 'x/y',
        privileges: [{ name: 'capabilities', value: ['CAP_SYS_ADMIN'] }],
      },
      { kind: 'plugin.upgrade', target: 'y', privileges: [{ name: 'host pid namespace', value: ['true'] }] },
      { kind: 'plugin.pull', remote: 'x/y', privileges: [{ name: 'host ipc namespace', value: ['true'] }] },
      { kind: 'plugin.pull', remote: 'x/y', privileges: [{ name: 'future-thing', value: ['x'] }] },
    ],
  },
})
