import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0072',
  slug: 'no-plugin-create',
  title: 'Plugins must arrive from a registry, not from uploaded archives',
  severity: 'critical',
  level: 'baseline',
  appliesTo: ['plugin.create', 'plugin.pull', 'plugin.upgrade'],
  description:
    'A plugin may reach the daemon in two ways. docker plugin install (pull, upgrade) fetches it from a registry and installs it only with the privileges the caller accepted, which AL-0070 checks; those pass here. docker plugin create builds a plugin from a root file system and config.json the caller uploads, and no privileges are shown or accepted: the config can ask for host mounts, devices, capabilities and the host network, and the plugin runs with them as root once enabled. Create is refused.',
  remediation:
    'Publish reviewed plugins to a registry and install them with docker plugin install (where AL-0070 checks the privileges), or have an administrator create them on the host.',
  frameworks: {},
  // ActionOf<'plugin.create'> is never (plain kinds share one schema), so the subject is typed by hand.
  check: (a: { kind: string; target?: string | undefined }) =>
    a.kind === 'plugin.create'
      ? [
          {
            message: `plugin create${a.target ? ` of ${a.target}` : ''} uploads a plugin whose privileges are never accepted`,
            path: ['kind'],
          },
        ]
      : [],
  fixtures: {
    pass: [
      { kind: 'plugin.pull', remote: 'vieux/sshfs' },
      { kind: 'plugin.upgrade', target: 'sshfs', remote: 'vieux/sshfs:2' },
    ],
    fail: [{ kind: 'plugin.create', target: 'evil/plugin:latest' }, { kind: 'plugin.create' }],
  },
})
