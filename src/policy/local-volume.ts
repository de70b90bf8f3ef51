import { hostPathRisk } from './host-path.js'
import type { RuleSettings } from './settings.js'

/**
 * What the `local` volume driver does with a volume's options (`type`, `o`, `device`). The daemon
 * calls mount(2) itself, as root, in the host's mount namespace: `o=bind` binds any host path,
 * `type=nfs` mounts a remote file system, any other `type` mounts a file system from `device`
 * (a block device, or `proc`, `sysfs`, `overlay`, ...). Only `tmpfs` stays inside the volume.
 */
export type LocalVolumeMount =
  | { kind: 'bind'; device: string; readOnly: boolean; propagation: string[] }
  | { kind: 'tmpfs' }
  | { kind: 'remote'; type: string; address: string }
  | { kind: 'filesystem'; type: string; device: string }

/** File system types the kernel mounts from the network. */
export const REMOTE_FS_TYPES: readonly string[] = [
  'nfs',
  'nfs4',
  'cifs',
  'smb3',
  'smbfs',
  'ceph',
  '9p',
  'afs',
  'glusterfs',
]

const PROPAGATION_FLAGS = ['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate']

/**
 * Whether a volume driver name is the built-in `local` driver (empty means the default, `local`).
 * dockerd looks drivers up by exact name: `LOCAL` would be a plugin.
 *
 * @example isLocalDriver('') // true
 */
export function isLocalDriver(driver: string | undefined): boolean {
  return driver === undefined || driver === '' || driver === 'local'
}

/**
 * The `o` option split as moby/sys/mount does: comma-separated, exact flag names.
 *
 * @example mountOptionTokens('bind,ro') // ['bind', 'ro']
 */
export function mountOptionTokens(o: string | undefined): string[] {
  return o === undefined || o === '' ? [] : o.split(',')
}

function remoteAddress(device: string, tokens: string[]): string {
  const addr = tokens.find((t) => t.startsWith('addr=') || t.startsWith('ip='))
  if (addr) return addr.slice(addr.indexOf('=') + 1)
  const cifs = /^\/\/([^/]+)/.exec(device)
  if (cifs?.[1]) return cifs[1]
  const colon = device.indexOf(':')
  return colon > 0 ? device.slice(0, colon) : device
}

/**
 * Classifies the local driver options of a volume. Undefined when the options make no mount at all
 * (a plain volume directory, perhaps with a `size` quota).
 *
 * @example classifyLocalVolume({ type: 'none', o: 'bind', device: '/etc' })
 * // { kind: 'bind', device: '/etc', readOnly: false, propagation: [] }
 * @example classifyLocalVolume({ type: 'nfs', o: 'addr=10.0.0.5,rw', device: ':/export' })
 * // { kind: 'remote', type: 'nfs', address: '10.0.0.5' }
 */
export function classifyLocalVolume(opts: Record<string, string> | undefined): LocalVolumeMount | undefined {
  if (!opts) return undefined
  const type = opts['type'] ?? ''
  const device = opts['device'] ?? ''
  if (type === '' && device === '') return undefined
  const tokens = mountOptionTokens(opts['o'])
  // MS_BIND makes the kernel ignore the file system type: `type=tmpfs,o=bind` is a bind.
  if (tokens.includes('bind') || tokens.includes('rbind')) {
    const propagation = tokens.filter((t) => PROPAGATION_FLAGS.includes(t))
    const readOnly = tokens.filter((t) => t === 'ro' || t === 'rw').pop() === 'ro'
    return { kind: 'bind', device, readOnly, propagation }
  }
  if (REMOTE_FS_TYPES.includes(type) || tokens.some((t) => t.startsWith('addr='))) {
    return { kind: 'remote', type, address: remoteAddress(device, tokens) }
  }
  if (type === 'tmpfs') return { kind: 'tmpfs' }
  return { kind: 'filesystem', type, device }
}

/**
 * Why a local-driver volume with these options gives the container the host, or undefined: a bind of
 * a sensitive host path, or a file system the daemon mounts from a host device (`type=ext4,device=/dev/sda1`,
 * `type=proc,device=proc`). `readOnly` is whether the container mounts the volume read-only.
 *
 * @example localVolumeHostRisk({ type: 'none', o: 'bind', device: '/' }, false, DEFAULT_SETTINGS)
 * // { key: 'device', message: 'the local driver binds host path / (reaches the sensitive host path /bin)' }
 */
export function localVolumeHostRisk(
  opts: Record<string, string> | undefined,
  readOnly: boolean,
  settings: RuleSettings,
): { key: 'device' | 'type'; message: string } | undefined {
  const mount = classifyLocalVolume(opts)
  if (mount?.kind === 'bind') {
    const risk = hostPathRisk(mount.device, readOnly || mount.readOnly, settings)
    if (!risk) return undefined
    const what =
      risk.kind === 'sensitive'
        ? `reaches the sensitive host path ${risk.entry}`
        : `binds ${risk.entry} whole`
    return { key: 'device', message: `the local driver binds host path ${mount.device} (${what})` }
  }
  if (mount?.kind === 'filesystem') {
    return {
      key: 'type',
      message: `the local driver mounts a "${mount.type}" file system from "${mount.device}" on the host, as root`,
    }
  }
  return undefined
}
