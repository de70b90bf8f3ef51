import type { ContainerSpec } from '../model/container-spec.js'
import type { RawFinding } from '../model/finding.js'
import { namespaceKind } from '../model/namespace-kind.js'

/** The namespaces a container spec sets, by their ContainerSpec key. */
export type NamespaceName = 'network' | 'pid' | 'ipc' | 'uts' | 'user' | 'cgroup'

/**
 * Findings for a container that uses the host's `ns` namespace: directly (mode `host`) or by joining
 * a container that uses it (`namespaces.joinedHost`, filled by an enforcement point that looked the
 * joined container up).
 *
 * @example hostNamespaceFindings(containerSpec({ namespaces: { pid: 'host' } }), 'pid')
 * // [{ message: 'pid namespace is the host\'s (mode "host")', path: ['namespaces', 'pid'] }]
 */
export function hostNamespaceFindings(spec: ContainerSpec, ns: NamespaceName): RawFinding[] {
  const mode = spec.namespaces[ns]
  const path = ['namespaces', ns]
  if (namespaceKind(mode) === 'host') {
    return [{ message: `${ns} namespace is the host's (mode "host")`, path }]
  }
  if (spec.namespaces.joinedHost.includes(ns)) {
    const via = mode === '' ? '' : ` through mode "${mode}"`
    return [
      {
        message: `${ns} namespace is the host's${via}: the joined container uses the host's ${ns} namespace`,
        path,
      },
    ]
  }
  return []
}
