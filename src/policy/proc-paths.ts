/**
 * The /proc and /sys paths every dockerd since 20.10 masks (binds /dev/null or an empty read-only
 * tmpfs over them) in non-privileged containers: moby `oci/defaults.go` at v20.10.24, unchanged in
 * `daemon/pkg/oci/defaults.go` at HEAD. A MaskedPaths list that omits one of them unmasks it.
 */
export const DEFAULT_MASKED_PATHS: readonly string[] = [
  '/proc/acpi',
  '/proc/asound',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/sys/firmware',
]

/**
 * Paths newer daemons mask as well, added by security fixes: `/sys/devices/virtual/powercap`
 * (GHSA-jq35-85cj-fj4p; 20.10.27, 23.0.8, 24.0.7) and `/proc/interrupts` plus per-CPU
 * `thermal_throttle` directories (GHSA-6fw5-f8r9-fgfm). They are side channels, not ways out, and a
 * daemon older than the fix reports MaskedPaths without them for every container it runs, so their
 * absence alone is not a finding.
 */
export const NEWER_MASKED_PATHS: readonly string[] = ['/proc/interrupts', '/sys/devices/virtual/powercap']

/** The /proc paths every dockerd mounts read-only in non-privileged containers (v20.10.24 and HEAD). */
export const DEFAULT_READONLY_PATHS: readonly string[] = [
  '/proc/bus',
  '/proc/fs',
  '/proc/irq',
  '/proc/sys',
  '/proc/sysrq-trigger',
]
