import type { RawFinding } from '../../model/finding.js'
import { cleanHostPath, isWithin } from '../host-path.js'
import { DEFAULT_MASKED_PATHS, DEFAULT_READONLY_PATHS, NEWER_MASKED_PATHS } from '../proc-paths.js'
import { defineRule } from '../rule.js'

function uncovered(defaults: readonly string[], covering: readonly string[]): string[] {
  const cleaned = covering.map(cleanHostPath)
  return defaults.filter((d) => !cleaned.some((c) => c.startsWith('/') && isWithin(d, c)))
}

function listFinding(
  field: 'maskedPaths' | 'readonlyPaths',
  missing: string[],
  given: string[],
): RawFinding[] {
  if (missing.length === 0) return []
  const what = field === 'maskedPaths' ? 'unmasked' : 'writable'
  const replaced = given.length === 0 ? `${field} is an empty list` : `${field} replaces Docker's defaults`
  return [{ message: `${replaced} and leaves ${missing.join(', ')} ${what}`, path: [field] }]
}

export default defineRule({
  id: 'AL-0029',
  slug: 'no-unmasked-proc-paths',
  title: 'Containers must keep the default masked and read-only /proc and /sys paths',
  severity: 'high',
  level: 'baseline',
  appliesTo: 'container',
  description:
    'dockerd hides /proc/kcore, /proc/keys, /proc/timer_list, /sys/firmware and other kernel interfaces, and mounts /proc/sys, /proc/sysrq-trigger and /proc/irq read-only, because they leak host memory and secrets or change the host kernel (sysrq-trigger reboots the host; /proc/sys/kernel/core_pattern runs a program as root on the host). systempaths=unconfined, Kubernetes procMount: Unmasked, or a MaskedPaths/ReadonlyPaths list that omits any default removes that protection.',
  remediation:
    'Remove --security-opt systempaths=unconfined (compose: security_opt: ["systempaths=unconfined"]; Kubernetes: procMount: Unmasked) and the MaskedPaths/ReadonlyPaths fields of the create request; if you set them, include every default path.',
  frameworks: { pss: ['baseline/proc-mount'] },
  check: (spec) => {
    const out: RawFinding[] = []
    if (spec.security.systempathsUnconfined) {
      out.push({
        message:
          'systempaths=unconfined unmasks /proc and /sys kernel interfaces and makes /proc/sys writable',
        path: ['security', 'systempathsUnconfined'],
      })
    }
    if (spec.maskedPaths) {
      out.push(
        ...listFinding('maskedPaths', uncovered(DEFAULT_MASKED_PATHS, spec.maskedPaths), spec.maskedPaths),
      )
    }
    if (spec.readonlyPaths) {
      const masked = spec.maskedPaths ?? DEFAULT_MASKED_PATHS
      const missing = uncovered(DEFAULT_READONLY_PATHS, [...spec.readonlyPaths, ...masked])
      out.push(...listFinding('readonlyPaths', missing, spec.readonlyPaths))
    }
    return out
  },
  fixtures: {
    pass: [
      {},
      { maskedPaths: [...DEFAULT_MASKED_PATHS], readonlyPaths: [...DEFAULT_READONLY_PATHS] },
      { maskedPaths: [...DEFAULT_MASKED_PATHS, '/proc/extra'] },
      {
        maskedPaths: [
          ...DEFAULT_MASKED_PATHS,
          ...NEWER_MASKED_PATHS,
          '/sys/devices/system/cpu/cpu0/thermal_throttle',
        ],
      },
      { readonlyPaths: ['/proc'] },
      { maskedPaths: ['/proc', '/sys/firmware'] },
    ],
    fail: [
      { security: { systempathsUnconfined: true } },
      { maskedPaths: [] },
      { readonlyPaths: [] },
      { maskedPaths: DEFAULT_MASKED_PATHS.filter((p) => p !== '/proc/kcore') },
      { readonlyPaths: ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sysrq-trigger'] },
      { maskedPaths: [...DEFAULT_MASKED_PATHS.slice(1), 'proc/acpi'] },
    ],
  },
})
