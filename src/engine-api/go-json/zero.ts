import type { GoType } from './types.js'
import type { GoValue } from './value.js'

/**
 * The value Go leaves in a slice, array or map element that received `null` (or, for a fixed
 * array, no JSON element at all): the zero value, `null` for nil-able kinds.
 *
 * @example
 * zeroValue(string) // ''
 * zeroValue(ptr(HostConfig)) // null
 */
export function zeroValue(type: GoType): GoValue {
  switch (type.kind) {
    case 'string':
    case 'text':
      return ''
    case 'bool':
      return false
    case 'int':
      return 0n
    case 'float':
      return 0
    case 'struct':
      return Object.create(null)
    case 'array':
      return Array.from({ length: type.length }, () => zeroValue(type.elem))
    default:
      return null
  }
}
