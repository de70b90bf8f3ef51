/**
 * What each capability outside Docker's default set lets a container do, in a few words, for
 * finding messages. The first group are direct paths to root on the host.
 */
export const CAPABILITY_RISKS: Readonly<Record<string, string>> = {
  CAP_SYS_ADMIN: 'mount file systems, use bpf, namespaces and cgroups: the classic container escape',
  CAP_SYS_MODULE: 'load kernel modules: code in the host kernel',
  CAP_SYS_RAWIO: 'raw I/O on devices and /dev/mem: read and write host memory and disks',
  CAP_SYS_PTRACE: 'trace and inject code into processes it can see (all of the host with --pid host)',
  CAP_DAC_READ_SEARCH: 'open files by handle (open_by_handle_at): read any file on the host file system',
  CAP_DAC_OVERRIDE: 'bypass file permission checks',
  CAP_SYS_BOOT: 'reboot the host or load a new kernel (kexec)',
  CAP_NET_ADMIN:
    "reconfigure networking, firewall rules and routes of its network namespace (the host's with --network host)",
  CAP_MAC_ADMIN: 'change the AppArmor/SELinux policy',
  CAP_MAC_OVERRIDE: 'override mandatory access control',
  CAP_BPF: "load BPF programs: read kernel memory, attach to the host's kernel",
  CAP_PERFMON: 'use perf_event_open and BPF tracing: observe the host kernel and other processes',
  CAP_SYSLOG: 'read the kernel log and kernel addresses (defeats KASLR)',
  CAP_SYS_TIME: 'set the host clock',
  CAP_LINUX_IMMUTABLE: 'change immutable and append-only file attributes',
  CAP_SYS_RESOURCE: 'override resource limits and quotas',
  CAP_SYS_NICE: 'raise scheduling priority and use real-time scheduling: starve the host',
  CAP_IPC_LOCK: 'lock unlimited memory',
  CAP_IPC_OWNER: 'bypass permission checks on System V IPC objects',
  CAP_SYS_PACCT: 'configure process accounting',
  CAP_SYS_TTY_CONFIG: 'configure terminals (vhangup)',
  CAP_AUDIT_CONTROL: 'configure the kernel audit subsystem',
  CAP_AUDIT_READ: 'read the kernel audit log',
  CAP_WAKE_ALARM: 'set alarms that wake the host',
  CAP_BLOCK_SUSPEND: 'block the host from suspending',
  CAP_LEASE: 'take file leases',
  CAP_NET_BROADCAST: 'broadcast and listen to multicast',
  CAP_CHECKPOINT_RESTORE: 'checkpoint and restore processes (set PIDs, read /proc/*/map_files)',
}

/**
 * A short description of what a capability allows, for messages.
 *
 * @example capabilityRisk('CAP_SYS_MODULE') // 'load kernel modules: code in the host kernel'
 */
export function capabilityRisk(cap: string): string {
  return CAPABILITY_RISKS[cap] ?? "not in Docker's default set"
}
