import type { ContainerSpec } from '../model/container-spec.js'
import type { Mutation } from '../model/decision.js'
import type { SecureDefaults } from './policy.js'

/**
 * Applies the policy's secure defaults to the fields a spec leaves unset, and lists what changed.
 * Fields the caller set explicitly (even to an insecure value) are left for the rules to judge.
 *
 * @example applyDefaults(spec, { pidsLimit: 4096 }).mutations
 * // [{ path: ['resources', 'pidsLimit'], value: 4096, reason: 'policy default: PIDs limit' }]
 */
export function applyDefaults(
  spec: ContainerSpec,
  defaults: SecureDefaults,
): { spec: ContainerSpec; mutations: Mutation[] } {
  // Copy only what a default may change; the rest is shared with the input, which is never mutated.
  const out: ContainerSpec = { ...spec, security: { ...spec.security }, resources: { ...spec.resources } }
  const mutations: Mutation[] = []
  const set = (path: string[], value: unknown, reason: string) => mutations.push({ path, value, reason })

  if (defaults.noNewPrivileges && out.security.noNewPrivileges === undefined) {
    out.security.noNewPrivileges = true
    set(['security', 'noNewPrivileges'], true, 'policy default: no-new-privileges')
  }
  if (defaults.pidsLimit !== undefined && out.resources.pidsLimit === undefined) {
    out.resources.pidsLimit = defaults.pidsLimit
    set(['resources', 'pidsLimit'], defaults.pidsLimit, 'policy default: PIDs limit')
  }
  if (defaults.memory !== undefined && !out.resources.memory) {
    out.resources.memory = defaults.memory
    set(['resources', 'memory'], defaults.memory, 'policy default: memory limit')
  }
  if (defaults.nanoCpus !== undefined && !out.resources.nanoCpus && !out.resources.cpuQuota) {
    out.resources.nanoCpus = defaults.nanoCpus
    set(['resources', 'nanoCpus'], defaults.nanoCpus, 'policy default: CPU limit')
  }
  if (defaults.capDropAll && !out.privileged && !out.capDrop.includes('ALL')) {
    out.capDrop = [...out.capDrop, 'ALL']
    set(['capDrop'], out.capDrop, 'policy default: drop all capabilities')
  }
  if (defaults.readOnlyRootfs && !out.readOnlyRootfs) {
    out.readOnlyRootfs = true
    set(['readOnlyRootfs'], true, 'policy default: read-only root filesystem')
  }
  return { spec: out, mutations }
}
