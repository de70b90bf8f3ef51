import type { RawFinding } from '../../model/finding.js'
import { defineRule } from '../rule.js'

/**
 * How dockerd's plugin Set parses an argument: `name[.field]=value`, the field after the last dot of
 * the name. A name without a field sets the only settable field of that env, arg, mount or device,
 * which for a mount is its source and for a device its path.
 */
function parseSetting(arg: string): { name: string; field: string | undefined; value: string } {
  const eq = arg.indexOf('=')
  const key = eq < 0 ? arg : arg.slice(0, eq)
  const value = eq < 0 ? '' : arg.slice(eq + 1)
  const dot = key.lastIndexOf('.')
  return dot > 0
    ? { name: key.slice(0, dot), field: key.slice(dot + 1), value }
    : { name: key, field: undefined, value }
}

function looksLikePath(value: string): boolean {
  return value.includes('/') || value === '.' || value === '..'
}

export default defineRule({
  id: 'AL-0071',
  slug: 'no-plugin-host-settings',
  title: 'Plugin settings must not change the host paths and devices a plugin gets',
  severity: 'critical',
  level: 'baseline',
  appliesTo: ['plugin.set'],
  description:
    "docker plugin set can change the source of a plugin's mounts (<mount>.source=/) and the path of its devices (<device>.path=/dev/sda) when the manifest marks them settable. The plugin runs as root, so pointing its mount at / or its device at a host disk hands the host to whoever controls the plugin, after its privileges were accepted. A setting without a field (name=value) sets a mount's source or a device's path when that is its only settable field, so such values that look like paths are refused too; environment values (DEBUG=1) pass.",
  remediation:
    'Set only environment variables and arguments (docker plugin set myplugin DEBUG=1); have an administrator change mounts and devices, or reinstall the plugin with the intended configuration.',
  frameworks: {},
  check: (a) =>
    a.args.flatMap((arg, i): RawFinding[] => {
      const s = parseSetting(arg)
      const path = ['args', i]
      if (s.field === 'source')
        return [{ message: `plugin setting "${arg}" changes the host path of mount "${s.name}"`, path }]
      if (s.field === 'path')
        return [{ message: `plugin setting "${arg}" changes the host device "${s.name}" uses`, path }]
      if (s.field === undefined && looksLikePath(s.value)) {
        return [
          {
            message: `plugin setting "${arg}" may set the source of a mount or the path of a device named "${s.name}"`,
            path,
          },
        ]
      }
      return []
    }),
  fixtures: {
    pass: [
      { kind: 'plugin.set', target: 'sshfs', args: ['DEBUG=1'] },
      { kind: 'plugin.set', target: 'sshfs', args: ['DEBUG.value=1', 'myarg.value=--verbose'] },
      { kind: 'plugin.set', target: 'x', args: [] },
    ],
    fail: [
      { kind: 'plugin.set', target: 'sshfs', args: ['mymount.source=/'] },
      { kind: 'plugin.set', target: 'x', args: ['mydevice.path=/dev/sda'] },
      { kind: 'plugin.set', target: 'x', args: ['DEBUG=1', 'state=/var/lib/docker'] },
      { kind: 'plugin.set', target: 'x', args: ['a.b.source=/etc'] },
    ],
  },
})
