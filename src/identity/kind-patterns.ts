import { ACTION_KINDS, type ActionKind } from '../model/action.js'

/**
 * The action kinds a pattern names: `*` (every kind), `container.*` (every kind with that prefix) or
 * one kind. Empty when it names none (a typo): callers reject such patterns.
 *
 * @example expandKindPattern('volume.*') // ['volume.create', 'volume.list', ...]
 */
export function expandKindPattern(pattern: string): ActionKind[] {
  if (pattern === '*') return [...ACTION_KINDS]
  if (pattern.endsWith('.*')) {
    const prefix = pattern.slice(0, -1)
    return ACTION_KINDS.filter((k) => k.startsWith(prefix))
  }
  return ACTION_KINDS.filter((k) => k === pattern)
}

/**
 * The set of kinds `allow` names minus those `deny` names.
 *
 * @example kindSet(['container.*'], ['container.export']).has('container.export') // false
 */
export function kindSet(allow: readonly string[], deny: readonly string[] = []): Set<ActionKind> {
  const out = new Set<ActionKind>()
  for (const p of allow) for (const k of expandKindPattern(p)) out.add(k)
  for (const p of deny) for (const k of expandKindPattern(p)) out.delete(k)
  return out
}
