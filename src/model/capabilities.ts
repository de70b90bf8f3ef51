import { goToUpper } from './go-strings.js'

/** Every Linux capability dockerd knows, canonical spelling. */
export const ALL_CAPABILITIES = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_DAC_READ_SEARCH',
  'CAP_FOWNER',
  'CAP_FSETID',
  'CAP_KILL',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETPCAP',
  'CAP_LINUX_IMMUTABLE',
  'CAP_NET_BIND_SERVICE',
  'CAP_NET_BROADCAST',
  'CAP_NET_ADMIN',
  'CAP_NET_RAW',
  'CAP_IPC_LOCK',
  'CAP_IPC_OWNER',
  'CAP_SYS_MODULE',
  'CAP_SYS_RAWIO',
  'CAP_SYS_CHROOT',
  'CAP_SYS_PTRACE',
  'CAP_SYS_PACCT',
  'CAP_SYS_ADMIN',
  'CAP_SYS_BOOT',
  'CAP_SYS_NICE',
  'CAP_SYS_RESOURCE',
  'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG',
  'CAP_MKNOD',
  'CAP_LEASE',
  'CAP_AUDIT_WRITE',
  'CAP_AUDIT_CONTROL',
  'CAP_SETFCAP',
  'CAP_MAC_OVERRIDE',
  'CAP_MAC_ADMIN',
  'CAP_SYSLOG',
  'CAP_WAKE_ALARM',
  'CAP_BLOCK_SUSPEND',
  'CAP_AUDIT_READ',
  'CAP_PERFMON',
  'CAP_BPF',
  'CAP_CHECKPOINT_RESTORE',
] as const

/** Docker's default capability set (moby `oci/caps/defaults.go`). */
export const DEFAULT_CAPABILITIES: readonly string[] = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_FSETID',
  'CAP_FOWNER',
  'CAP_MKNOD',
  'CAP_NET_RAW',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETFCAP',
  'CAP_SETPCAP',
  'CAP_NET_BIND_SERVICE',
  'CAP_SYS_CHROOT',
  'CAP_KILL',
  'CAP_AUDIT_WRITE',
]

const KNOWN = new Set<string>(ALL_CAPABILITIES)

/**
 * Canonical spelling of a capability the way dockerd normalizes it: Go's ToUpper, then `CAP_`
 * prefixed unless it is `ALL`. So `sys_admin`, `Cap_Sys_Admin` and `ſys_admin` (long s) are all
 * `CAP_SYS_ADMIN`.
 *
 * @example normalizeCapability('net_admin') // 'CAP_NET_ADMIN'
 */
export function normalizeCapability(name: string): string {
  const up = goToUpper(name)
  if (up === 'ALL') return 'ALL'
  return up.startsWith('CAP_') ? up : `CAP_${up}`
}

/** Whether dockerd would accept this (normalized) capability name. */
export function isKnownCapability(canonical: string): boolean {
  return canonical === 'ALL' || KNOWN.has(canonical)
}

/**
 * The capabilities a container's process gets, computed as dockerd's TweakCapabilities does:
 * privileged gets all; `ALL` in add gets all but the dropped; `ALL` in drop gets only the added;
 * otherwise defaults minus drops plus adds.
 */
export function effectiveCapabilities(spec: {
  privileged: boolean
  capAdd: readonly string[]
  capDrop: readonly string[]
}): Set<string> {
  if (spec.privileged) return new Set(ALL_CAPABILITIES)
  if (spec.capAdd.length === 0 && spec.capDrop.length === 0) return new Set(DEFAULT_CAPABILITIES)
  const adds = spec.capAdd.map(normalizeCapability)
  const drops = spec.capDrop.map(normalizeCapability)
  if (adds.includes('ALL')) return new Set(ALL_CAPABILITIES.filter((c) => !drops.includes(c)))
  if (drops.includes('ALL')) return new Set(adds)
  return new Set([...DEFAULT_CAPABILITIES.filter((c) => !drops.includes(c)), ...adds])
}
