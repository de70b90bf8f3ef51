import { errorMessage } from '../../errors.js'
import type { SourceError } from '../workload.js'
import { interpolate, type VariableLookup } from './interpolate.js'
import type { YNode } from './yaml-tree.js'

/**
 * Interpolates every string value of a compose tree (keys are left alone, as compose does). A value
 * whose variable is required and missing is reported with its location and becomes empty.
 *
 * @example interpolateTree(tree, (n) => env[n], errors)
 */
export function interpolateTree(node: YNode, lookup: VariableLookup, errors: SourceError[]): YNode {
  switch (node.kind) {
    case 'scalar': {
      if (!node.isString || typeof node.value !== 'string' || !node.value.includes('$')) return node
      try {
        return { ...node, value: interpolate(node.value, lookup) }
      } catch (err) {
        errors.push({ message: errorMessage(err), location: node.loc })
        return { ...node, value: '' }
      }
    }
    case 'seq': {
      let changed = false
      const items = node.items.map((n) => {
        const m = interpolateTree(n, lookup, errors)
        changed ||= m !== n
        return m
      })
      return changed ? { ...node, items } : node
    }
    case 'map': {
      let entries: Map<string, YNode> | undefined
      for (const [k, v] of node.entries) {
        const m = interpolateTree(v, lookup, errors)
        if (m === v) continue
        entries ??= new Map(node.entries)
        entries.set(k, m)
      }
      return entries ? { ...node, entries } : node
    }
  }
}
