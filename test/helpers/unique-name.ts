import { randomBytes } from 'node:crypto'

/**
 * A name no other test (in this or a parallel test file sharing the daemon) will use: lower-case,
 * valid for containers, images, networks, volumes and compose projects.
 *
 * @example
 * const name = uniqueName('proxy-deny') // 'airlock-proxy-deny-4f9a1c2b'
 * await docker(['run', '--name', name, '-d', BUSYBOX_IMAGE, 'sleep', '60'], { host })
 */
export function uniqueName(prefix: string): string {
  const clean = prefix
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return `airlock-${clean}-${randomBytes(4).toString('hex')}`
}
