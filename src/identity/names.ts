import { InputError } from '../errors.js'

/** User and group names: what fits in a label value and a label filter without quoting. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/

/**
 * Throws InputError unless `name` is a usable user name (letters, digits, `.`, `_`, `@`, `-`; at
 * most 128). Owner labels and label filters carry it, so `=` and `,` are never part of one.
 *
 * @example checkUserName('alice') // ok
 */
export function checkUserName(name: string): void {
  if (!NAME.test(name)) {
    throw new InputError(`"${name}" is not a valid user name: letters, digits, ".", "_", "@" and "-" only`)
  }
}

/** Same rule for group names. */
export function checkGroupName(name: string): void {
  if (!NAME.test(name)) {
    throw new InputError(`"${name}" is not a valid group name: letters, digits, ".", "_", "@" and "-" only`)
  }
}

/** Whether `name` is a valid user name (no throw). */
export function isValidName(name: string): boolean {
  return NAME.test(name)
}
