import type { SecureDefaults } from '../policy/policy.js'

/** The limits `airlock fix` writes when the policy's `defaults` name none: 512 MiB, 1 CPU, 1024 PIDs. */
export const FALLBACK_LIMITS = { memory: 512 * 1024 * 1024, nanoCpus: 1e9, pidsLimit: 1024 } as const

/**
 * The limits to write: the policy's secure defaults where it has them, the fallbacks otherwise.
 *
 * @example fixLimits({ pidsLimit: 4096 }) // { memory: 536870912, nanoCpus: 1000000000, pidsLimit: 4096 }
 */
export function fixLimits(defaults: SecureDefaults): { memory: number; nanoCpus: number; pidsLimit: number } {
  return {
    memory: defaults.memory ?? FALLBACK_LIMITS.memory,
    nanoCpus: defaults.nanoCpus ?? FALLBACK_LIMITS.nanoCpus,
    pidsLimit: defaults.pidsLimit ?? FALLBACK_LIMITS.pidsLimit,
  }
}

/**
 * Bytes as compose writes them: `512m`, `2g`, else plain bytes.
 *
 * @example composeBytes(536870912) // '512m'
 */
export function composeBytes(n: number): string {
  for (const [unit, size] of [
    ['g', 1024 ** 3],
    ['m', 1024 ** 2],
    ['k', 1024],
  ] as const) {
    if (n % size === 0) return `${n / size}${unit}`
  }
  return String(n)
}

/**
 * Bytes as a Kubernetes quantity: `512Mi`, `2Gi`, else plain bytes.
 *
 * @example kubernetesBytes(536870912) // '512Mi'
 */
export function kubernetesBytes(n: number): string {
  for (const [unit, size] of [
    ['Gi', 1024 ** 3],
    ['Mi', 1024 ** 2],
    ['Ki', 1024],
  ] as const) {
    if (n % size === 0) return `${n / size}${unit}`
  }
  return String(n)
}

/**
 * Nano-CPUs as a CPU count (`1`, `0.5`) or, for Kubernetes below one CPU, millicores (`500m`).
 *
 * @example cpuCount(1.5e9) // '1.5'
 */
export function cpuCount(nanoCpus: number, kubernetes = false): string {
  if (kubernetes && nanoCpus < 1e9) return `${Math.round(nanoCpus / 1e6)}m`
  return String(Number((nanoCpus / 1e9).toFixed(3)))
}
