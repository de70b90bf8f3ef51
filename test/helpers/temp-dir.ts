import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { track } from './dockerd-registry.js'

/**
 * Creates a fresh directory under the OS temp dir that is removed when the process ends, even on
 * SIGINT / SIGTERM (when `after()` hooks do not run). Call `remove()` to delete it earlier.
 *
 * @example
 * const work = tempDir('compose')
 * writeFileSync(join(work.path, 'docker-compose.yml'), yaml)
 * after(() => work.remove())
 */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `airlock-${prefix}-`))
  const remove = () => {
    untrack()
    rmSync(path, { recursive: true, force: true })
  }
  const untrack = track({ stopSync: () => rmSync(path, { recursive: true, force: true }) })
  return { path, remove }
}
