/** dockerd flags that take no value (`--icc` alone means true; `--icc=false` turns it off). */
const BOOL_FLAGS = new Set([
  'tls',
  'tlsverify',
  'icc',
  'live-restore',
  'no-new-privileges',
  'experimental',
  'userland-proxy',
  'debug',
  'D',
  'selinux-enabled',
  'iptables',
  'ip-forward',
  'ip-masq',
  'rootless',
  'validate',
  'init',
  'raw-logs',
])

/** Short flags and their long names. */
const SHORT: Record<string, string> = { H: 'host', D: 'debug', l: 'log-level', G: 'group', g: 'data-root' }

/**
 * A dockerd command line as its flag parser reads it: `--name=value`, `--name value`, `-H value`,
 * boolean flags alone or `=true|false`; repeated flags collect every value, in order.
 *
 * @example parseDockerdFlags(['dockerd', '-H', 'fd://', '--icc=false']).get('icc') // ['false']
 */
export function parseDockerdFlags(argv: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>()
  const add = (name: string, value: string) => out.set(name, [...(out.get(name) ?? []), value])
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] as string
    const m = /^--?([A-Za-z][\w-]*)(?:=(.*))?$/.exec(arg)
    if (!m) continue
    const name = SHORT[m[1] as string] ?? (m[1] as string)
    if (m[2] !== undefined) add(name, m[2])
    else if (BOOL_FLAGS.has(name)) add(name, 'true')
    else if (i + 1 < argv.length) add(name, argv[++i] as string)
  }
  return out
}

/**
 * The last value of a flag as a boolean, or undefined when the flag was not given.
 *
 * @example flagBool(parseDockerdFlags(['dockerd', '--icc=false']), 'icc') // false
 */
export function flagBool(flags: Map<string, string[]>, name: string): boolean | undefined {
  const v = flags.get(name)?.at(-1)
  if (v === undefined) return undefined
  return /^(1|t|true)$/i.test(v)
}

/**
 * The dockerd process serving `socketPath`: the one whose `-H` flags or daemon.json `hosts`
 * (read through `configHosts`) name it, or, for the default socket, one started without any host or
 * with `fd://` (systemd socket activation).
 *
 * @example dockerdFor('/var/run/docker.sock', [['dockerd', '-H', 'fd://']], () => [])?.get('host') // ['fd://']
 */
export function dockerdFor(
  socketPath: string,
  commandLines: readonly string[][],
  configHosts: (configFile: string) => string[] = () => [],
): Map<string, string[]> | undefined {
  const isDefault = socketPath === '/var/run/docker.sock' || socketPath === '/run/docker.sock'
  for (const argv of commandLines) {
    const flags = parseDockerdFlags(argv)
    const config = flags.get('config-file')?.at(-1) ?? '/etc/docker/daemon.json'
    const hosts = [...(flags.get('host') ?? []), ...configHosts(config)]
    if (hosts.some((h) => h === `unix://${socketPath}` || h === socketPath)) return flags
    if (isDefault && (hosts.length === 0 || hosts.some((h) => h.startsWith('fd://')))) return flags
  }
  return undefined
}
