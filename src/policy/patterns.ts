/**
 * Whether a value matches an allow-list: an entry matches exactly, or, when it ends in `*`, as a
 * prefix. Used for settings such as `allowedDevices`, `allowedSysctls` and `allowedCgroupParents`.
 *
 * @example matchesAnyPattern('/dev/dri/card0', ['/dev/dri/*']) // true
 * @example matchesAnyPattern('net.core.somaxconn', ['net.core.*']) // true
 */
export function matchesAnyPattern(value: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('*') ? value.startsWith(p.slice(0, -1)) : value === p))
}
