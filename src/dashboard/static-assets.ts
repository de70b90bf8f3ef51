import { readFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where `scripts/build-dashboard.mjs` writes the bundle: `build/dashboard/`. */
export const DEFAULT_ASSETS_DIR = fileURLToPath(new URL('../../dashboard/', import.meta.url))

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
}

/** File names an asset request may name: one plain name with a known extension, nothing else. */
const NAME = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9]+)+$/i

/**
 * Reads one bundle file by name, or undefined when the name is not a plain file name of a known
 * type or the file does not exist (no path ever leaves `dir`).
 *
 * @example await readAsset(DEFAULT_ASSETS_DIR, 'app.js') // { body, type: 'text/javascript; charset=utf-8' }
 */
export async function readAsset(
  dir: string,
  name: string,
): Promise<{ body: Buffer; type: string } | undefined> {
  const type = TYPES[extname(name)]
  if (!NAME.test(name) || type === undefined) return undefined
  try {
    return { body: await readFile(join(dir, name)), type }
  } catch {
    return undefined
  }
}
