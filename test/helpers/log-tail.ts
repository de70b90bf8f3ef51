import { closeSync, openSync, readSync, statSync } from 'node:fs'

/**
 * The last `lines` lines of a (possibly large, still growing) text file; '' if it does not exist.
 *
 * @example
 * console.error(tailFile('/tmp/airlock-dockerd-Ab12Cd/dockerd.log', 40))
 */
export function tailFile(path: string, lines = 50): string {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    return ''
  }
  try {
    const size = statSync(path).size
    const length = Math.min(size, 256 * 1024)
    const buf = Buffer.alloc(length)
    readSync(fd, buf, 0, length, size - length)
    return buf.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } finally {
    closeSync(fd)
  }
}
