import { posix } from 'node:path'
import type { SourceError } from '../workload.js'
import { applyExtends } from './apply-extends.js'
import { asList, asString, child } from './compose-values.js'
import type { VariableLookup } from './interpolate.js'
import { mergeCompose } from './merge-compose.js'
import { parseComposeFile } from './parse-compose-file.js'
import { nodeLocation, type YMap, type YNode } from './yaml-tree.js'

/** The top-level sections an included project contributes. */
const SECTIONS = ['services', 'volumes', 'networks', 'secrets', 'configs']

export interface IncludeContext {
  lookup: VariableLookup
  readFile: (path: string) => string | undefined
  errors: SourceError[]
}

function includedPaths(entry: YNode): YNode[] {
  if (entry.kind !== 'map') return [entry]
  const path = child(entry, 'path')
  return path ? asList(path) : []
}

/**
 * Applies a compose file's top-level `include:` as compose does: each included file (a path or
 * `{path: [...]}`, relative to the including file) is loaded as its own project, `include` and
 * `extends` resolved, and its services, volumes, networks, secrets and configs are added; a name the
 * including file already defines is reported as a conflict and the including file's definition kept.
 *
 * @example applyInclude(tree, '/srv/app/compose.yaml', { lookup, readFile, errors }, [])
 */
export function applyInclude(root: YMap, file: string, ctx: IncludeContext, chain: readonly string[]): YMap {
  const include = root.entries.get('include')
  if (!include) return root
  const entries = new Map(root.entries)
  entries.delete('include')
  for (const entry of asList(include)) {
    for (const pathNode of includedPaths(entry)) {
      const path = posix.join(posix.dirname(file), asString(pathNode))
      const fail = (message: string) => ctx.errors.push({ message, location: nodeLocation(pathNode) })
      if (chain.includes(path)) {
        fail(`include cycle: ${[...chain, path].join(' -> ')}`)
        continue
      }
      const text = ctx.readFile(path)
      if (text === undefined) {
        fail(`cannot read included file ${asString(pathNode)}`)
        continue
      }
      for (const doc of parseComposeFile(path, text, ctx.lookup, ctx.errors)) {
        const included = applyExtends(applyInclude(doc, path, ctx, [...chain, file]), path, ctx)
        for (const section of SECTIONS) {
          const add = included.entries.get(section)
          if (add?.kind !== 'map') continue
          const own = entries.get(section)
          const mine = own?.kind === 'map' ? own : undefined
          for (const name of add.entries.keys()) {
            if (mine?.entries.has(name))
              fail(`${section}.${name} is defined both here and in ${asString(pathNode)}`)
          }
          const merged = mine ? mergeCompose(add, mine, []) : add
          entries.set(section, merged)
        }
      }
    }
  }
  return { ...root, entries }
}
