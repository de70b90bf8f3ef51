import { readFileSync } from 'node:fs'
import { InputError } from '../../errors.js'

function lookup(file: string, name: string, what: string): number {
  let text = ''
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    // no file: only numeric ids work
  }
  for (const line of text.split('\n')) {
    const [entry, , id] = line.split(':')
    if (entry === name && id !== undefined && /^[0-9]+$/.test(id)) return Number(id)
  }
  throw new InputError(`unknown ${what} "${name}": give a number or a name from ${file}`)
}

/**
 * A numeric user id from a number or a user name in /etc/passwd.
 *
 * @example userId('0') // 0
 */
export function userId(value: string, passwd = '/etc/passwd'): number {
  return /^[0-9]+$/.test(value) ? Number(value) : lookup(passwd, value, 'user')
}

/**
 * A numeric group id from a number or a group name in /etc/group.
 *
 * @example groupId('docker') // 998
 */
export function groupId(value: string, group = '/etc/group'): number {
  return /^[0-9]+$/.test(value) ? Number(value) : lookup(group, value, 'group')
}
