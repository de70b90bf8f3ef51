import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

const SBIN = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']

/**
 * Absolute path of an executable on PATH or in the usual system directories (sbin is often not on
 * a non-root PATH), or `undefined`.
 *
 * @example
 * which('dockerd') // '/usr/sbin/dockerd'
 */
export function which(name: string): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter).filter(Boolean), ...SBIN]
  for (const dir of dirs) {
    const file = join(dir, name)
    try {
      accessSync(file, constants.X_OK)
      return file
    } catch {
      // not here
    }
  }
  return undefined
}
