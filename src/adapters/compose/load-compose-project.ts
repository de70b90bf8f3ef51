import type { SourceError } from '../workload.js'
import { applyExtends } from './apply-extends.js'
import { applyInclude } from './apply-include.js'
import type { VariableLookup } from './interpolate.js'
import { enforceUnicity, mergeCompose } from './merge-compose.js'
import { parseComposeFile } from './parse-compose-file.js'
import type { YMap } from './yaml-tree.js'

/** One compose file given to the adapter. */
export interface ComposeFile {
  path: string
  text: string
}

/**
 * Loads compose files the way `docker compose -f a.yml -f b.yml` does (compose-go `loadYamlFile`):
 * each file and each of its YAML documents is interpolated, its `include` and `extends` resolved, then merged over
 * what came before with compose's merge rules, and duplicate entries removed. Undefined when no file
 * held a usable document; every problem is in `errors` with its location.
 *
 * @example loadComposeProject([{ path: 'compose.yml', text }], { lookup, readFile, errors }).root
 */
export function loadComposeProject(
  files: readonly ComposeFile[],
  ctx: { lookup: VariableLookup; readFile: (path: string) => string | undefined; errors: SourceError[] },
): YMap | undefined {
  let project: YMap | undefined
  for (const file of files) {
    for (const doc of parseComposeFile(file.path, file.text, ctx.lookup, ctx.errors)) {
      const extended = applyExtends(applyInclude(doc, file.path, ctx, []), file.path, ctx)
      const merged = project
        ? mergeCompose(project, extended, [])
        : mergeCompose(emptyLike(extended), extended, [])
      project = enforceUnicity(merged, []) as YMap
    }
  }
  return project
}

function emptyLike(m: YMap): YMap {
  return { kind: 'map', entries: new Map(), loc: m.loc }
}
