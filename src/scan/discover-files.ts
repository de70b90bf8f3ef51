import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { PathFilter } from './path-filter.js'

/** Directories of version control systems: never walked. */
const VCS_DIRS = new Set(['.git', '.hg', '.svn'])

/** A path given on the command line, resolved and classified. */
export interface ScanTarget {
  path: string
  isDirectory: boolean
}

/**
 * Every file to look at under the targets, sorted and without duplicates: files named on the command
 * line always, files under directories unless the filter ignores them. Symlinks inside directories
 * are not followed (no loops, no escaping the tree); directories that cannot be read are skipped.
 *
 * @example discoverFiles([{ path: '/repo', isDirectory: true }], createPathFilter('/repo'))
 * // ['/repo/compose.yaml', '/repo/deploy/app.yaml', ...]
 */
export function discoverFiles(targets: readonly ScanTarget[], filter: PathFilter): string[] {
  const out = new Set<string>()
  const walk = (dir: string) => {
    let entries: import('node:fs').Dirent[]
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const e of entries) {
      const abs = join(dir, e.name)
      if (e.isDirectory()) {
        if (!VCS_DIRS.has(e.name) && !filter.ignored(abs, true)) walk(abs)
      } else if (e.isFile() && !filter.ignored(abs, false)) out.add(abs)
    }
  }
  for (const t of targets) {
    const abs = resolve(t.path)
    if (t.isDirectory) walk(abs)
    else out.add(abs)
  }
  return [...out].sort()
}
