import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import ignore, { type Ignore } from 'ignore'

/** Decides which paths a directory walk skips: `.gitignore` files (git's precedence) and extra patterns. */
export interface PathFilter {
  /** Whether `abs` (a file, or a directory when `isDirectory`) is ignored. */
  ignored(abs: string, isDirectory: boolean): boolean
}

function readIgnoreFile(path: string): Ignore | undefined {
  try {
    if (!existsSync(path)) return undefined
    return ignore().add(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}

/** The top of the git work tree containing `dir`, or undefined outside one. */
function gitTop(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d
    if (dirname(d) === d) return undefined
  }
}

const posix = (p: string) => p.split(sep).join('/')

/**
 * A filter with git's semantics: every `.gitignore` from the top of the work tree (or `root` outside
 * one) down to the file applies, a deeper file's patterns win over a shallower one's, and
 * `.git/info/exclude` applies at the top. `extra` patterns (`.airlockignore` path entries, relative
 * to `root`) exclude on top of that and cannot be re-included by a `.gitignore`. A directory named
 * on the command line is scanned even when a `.gitignore` above it excludes it: below such a
 * directory only the `.gitignore` files inside it apply.
 *
 * @example createPathFilter('/repo', ['vendor/']).ignored('/repo/vendor/x.yaml', false) // true
 */
export function createPathFilter(
  root: string,
  extra: readonly string[] = [],
  explicitDirs: readonly string[] = [],
): PathFilter {
  const top = gitTop(root) ?? root
  const cache = new Map<string, Ignore | undefined>()
  const matcherFor = (dir: string): Ignore | undefined => {
    if (!cache.has(dir)) {
      let m = readIgnoreFile(join(dir, '.gitignore'))
      if (dir === top) {
        const exclude = readIgnoreFile(join(dir, '.git', 'info', 'exclude'))
        if (exclude) m = m ? ignore().add(exclude).add(m) : exclude
      }
      cache.set(dir, m)
    }
    return cache.get(dir)
  }
  const extraMatcher = extra.length ? ignore().add([...extra]) : undefined
  const byGitignore = (abs: string, suffix: string, floor: string): boolean => {
    // Deepest .gitignore first: the first one with an opinion decides.
    for (let dir = dirname(abs); ; dir = dirname(dir)) {
      const m = matcherFor(dir)
      if (m) {
        const verdict = m.test(posix(relative(dir, abs)) + suffix)
        if (verdict.ignored) return true
        if (verdict.unignored) return false
      }
      if (dir === floor || dirname(dir) === dir) return false
    }
  }
  // Explicit directories that the .gitignore files above them exclude: their own floor.
  const floors = explicitDirs
    .filter((d) => relative(top, d) !== '' && !relative(top, d).startsWith('..') && byGitignore(d, '/', top))
    .sort((a, b) => b.length - a.length)

  return {
    ignored(abs, isDirectory) {
      const suffix = isDirectory ? '/' : ''
      const fromRoot = relative(root, abs)
      if (
        extraMatcher &&
        fromRoot &&
        !fromRoot.startsWith('..') &&
        extraMatcher.ignores(posix(fromRoot) + suffix)
      ) {
        return true
      }
      const fromTop = relative(top, abs)
      if (fromTop === '' || fromTop.startsWith('..')) return false
      const floor = floors.find((d) => abs.startsWith(`${d}${sep}`)) ?? top
      return byGitignore(abs, suffix, floor)
    },
  }
}

/**
 * Whether `path` is a directory (following symlinks); undefined when it does not exist or cannot be read.
 *
 * @example statKind('/etc') // 'directory'
 */
export function statKind(path: string): 'file' | 'directory' | undefined {
  try {
    const s = statSync(path)
    return s.isDirectory() ? 'directory' : s.isFile() ? 'file' : undefined
  } catch {
    return undefined
  }
}
