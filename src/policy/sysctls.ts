/**
 * The Pod Security Standards' safe sysctls (baseline/sysctls, Kubernetes 1.32): namespaced, and
 * isolated from other containers and the host when the container has its own namespaces.
 */
export const SAFE_SYSCTLS: readonly string[] = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]

/**
 * A sysctl name as the runtime resolves it under /proc/sys: runc accepts `/` as well as `.` as the
 * separator (`net/ipv4/tcp_syncookies`).
 *
 * @example normalizeSysctl('net/ipv4/tcp_syncookies') // 'net.ipv4.tcp_syncookies'
 */
export function normalizeSysctl(name: string): string {
  return name.replaceAll('/', '.')
}

/**
 * Which namespace isolates a sysctl, as runc decides: `ipc`, `network`, `uts`, or undefined when it
 * is host-wide.
 *
 * @example sysctlNamespace('kernel.msgmax') // 'ipc'
 */
export function sysctlNamespace(name: string): 'ipc' | 'network' | 'uts' | undefined {
  const n = normalizeSysctl(name)
  if (n.startsWith('net.')) return 'network'
  if (n.startsWith('fs.mqueue.') || n.startsWith('kernel.msg') || n.startsWith('kernel.shm')) return 'ipc'
  if (n === 'kernel.sem') return 'ipc'
  if (n === 'kernel.hostname' || n === 'kernel.domainname') return 'uts'
  return undefined
}
