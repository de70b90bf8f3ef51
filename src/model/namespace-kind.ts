/**
 * The kinds of namespace modes dockerd distinguishes. dockerd compares mode strings case-sensitively:
 * `host` is the host namespace, `HOST` is a network named HOST (or an error).
 */
export type NamespaceKind = 'default' | 'host' | 'container' | 'private' | 'shareable' | 'none' | 'other'

/**
 * Classifies a namespace mode string as dockerd does (`NetworkMode.IsHost()`, `IsContainer()`, ...).
 *
 * @example namespaceKind('container:db') // 'container'
 */
export function namespaceKind(mode: string): NamespaceKind {
  if (mode === '') return 'default'
  if (mode === 'host') return 'host'
  if (mode === 'private') return 'private'
  if (mode === 'shareable') return 'shareable'
  if (mode === 'none') return 'none'
  const i = mode.indexOf(':')
  if (i > 0 && mode.slice(0, i) === 'container') return 'container'
  return 'other'
}

/** The container a `container:<ref>` mode joins, or undefined. */
export function joinedContainer(mode: string): string | undefined {
  return namespaceKind(mode) === 'container' ? mode.slice(mode.indexOf(':') + 1) : undefined
}
