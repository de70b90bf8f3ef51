import { effectiveCapabilities, normalizeCapability } from '../model/capabilities.js'
import type { ContainerSpec } from '../model/container-spec.js'

/**
 * The capabilities to add back after dropping ALL: those the container has today (Docker's or the
 * runtime's default set, plus what it adds) that the policy allows, minus those it already adds.
 * Written without the `CAP_` prefix, as compose files and Kubernetes manifests spell them.
 *
 * @example capabilitiesToKeep(containerSpec({}), ['CAP_NET_BIND_SERVICE']) // ['NET_BIND_SERVICE']
 */
export function capabilitiesToKeep(spec: ContainerSpec, allowed: readonly string[]): string[] {
  const has = effectiveCapabilities(spec)
  const added = new Set(spec.capAdd.map(normalizeCapability))
  return allowed
    .map(normalizeCapability)
    .filter((c) => c !== 'ALL' && has.has(c) && !added.has(c))
    .map((c) => c.replace(/^CAP_/, ''))
}
