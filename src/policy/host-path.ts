import { posix } from 'node:path'
import type { RuleSettings } from './settings.js'

/**
 * Cleans a host path the way the kernel will walk it, lexically: `//etc/./x/../` is `/etc`.
 * Relative paths are returned cleaned but stay relative (dockerd treats them as volume names).
 */
export function cleanHostPath(p: string): string {
  if (p === '') return ''
  const hit = CLEANED.get(p)
  if (hit !== undefined) return hit
  const normalized = posix.normalize(p)
  const cleaned = normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized
  if (CLEANED.size >= 4096) CLEANED.clear()
  CLEANED.set(p, cleaned)
  return cleaned
}

/** Settings paths repeat on every decision: their cleaned forms are remembered (bounded). */
const CLEANED = new Map<string, string>()

/** Whether `inner` is `outer` or below it, both cleaned absolute paths. */
export function isWithin(inner: string, outer: string): boolean {
  if (outer === '/') return inner.startsWith('/')
  return inner === outer || inner.startsWith(`${outer}/`)
}

export interface HostPathRisk {
  kind: 'sensitive' | 'protected'
  /** The settings entry the path hit. */
  entry: string
}

/**
 * Why binding this host path is dangerous, or undefined. A path is dangerous when it is a sensitive
 * path, lies below one, or lies above one (binding `/` or `/var` reaches `/var/lib/docker`); or when
 * it is a protected directory bound whole. Read-only binds of the safe files (time zone, CA
 * certificates) pass.
 */
export function hostPathRisk(
  path: string,
  readOnly: boolean,
  settings: RuleSettings,
): HostPathRisk | undefined {
  const p = cleanHostPath(path)
  if (!p.startsWith('/')) return undefined
  if (readOnly && settings.readOnlySafeHostPaths.some((safe) => isWithin(p, cleanHostPath(safe)))) {
    return undefined
  }
  for (const entry of settings.sensitiveHostPaths) {
    const e = cleanHostPath(entry)
    if (isWithin(p, e) || isWithin(e, p)) return { kind: 'sensitive', entry }
  }
  for (const entry of settings.protectedHostDirs) {
    if (p === cleanHostPath(entry)) return { kind: 'protected', entry }
  }
  return undefined
}

/** Whether a host path lies under one of the allowed prefixes. */
export function isAllowedHostPath(path: string, allowed: readonly string[]): boolean {
  const p = cleanHostPath(path)
  return allowed.some((a) => isWithin(p, cleanHostPath(a)))
}
