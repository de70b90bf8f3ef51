import type { GoType, StructType } from './types.js'

function children(type: GoType): GoType[] {
  switch (type.kind) {
    case 'ptr':
    case 'slice':
    case 'array':
    case 'map':
      return [type.elem]
    case 'struct':
      return type.members.map((m) => (m.kind === 'field' ? m.type : m.struct))
    default:
      return []
  }
}

function reaches(from: GoType, target: StructType, visited: Set<GoType>): boolean {
  for (const child of children(from)) {
    if (child === target) return true
    if (visited.has(child)) continue
    visited.add(child)
    if (reaches(child, target, visited)) return true
  }
  return false
}

/**
 * Whether a struct type can contain a value of itself (through pointers, slices, maps or embedded
 * structs). Descriptors built with the DSL never are; hand-built cyclic ones are handled.
 *
 * @example
 * isRecursive(HostConfig) // false
 */
export function isRecursive(type: StructType): boolean {
  return reaches(type, type, new Set())
}
