import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'

/**
 * The directory every reported path is relative to: the deepest directory containing all `paths`
 * (a directory argument counts as itself, a file as its parent). `.airlockignore` is read from here.
 *
 * @example scanRoot(['deploy/k8s', 'deploy/compose.yaml'], '/repo') // '/repo/deploy'
 */
export function scanRoot(paths: readonly { path: string; isDirectory: boolean }[], cwd: string): string {
  if (paths.length === 0) return resolve(cwd)
  const dirs = paths.map((p) => (p.isDirectory ? resolve(cwd, p.path) : dirname(resolve(cwd, p.path))))
  let root = dirs[0] as string
  for (const d of dirs.slice(1)) {
    while (!isWithin(d, root)) root = dirname(root)
  }
  return root
}

function isWithin(inner: string, outer: string): boolean {
  const rel = relative(outer, inner)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/**
 * How a file is named in reports: relative to the scan root with forward slashes when it is inside
 * it, its absolute path otherwise. URIs (`docker://web`) are kept as they are.
 *
 * @example displayPath('/repo/deploy/app.yaml', '/repo') // 'deploy/app.yaml'
 */
export function displayPath(file: string, root: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return file
  const abs = resolve(root, file)
  if (!isWithin(abs, root)) return abs.split(sep).join('/')
  return relative(root, abs).split(sep).join('/') || '.'
}
