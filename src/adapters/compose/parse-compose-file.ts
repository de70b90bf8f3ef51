import { LineCounter, parseAllDocuments } from 'yaml'
import { errorMessage } from '../../errors.js'
import type { SourceError, SourceLocation } from '../workload.js'
import type { VariableLookup } from './interpolate.js'
import { interpolateTree } from './interpolate-tree.js'
import { type YMap, yamlTree } from './yaml-tree.js'

/**
 * Parses one compose file into interpolated trees, one per YAML document (compose merges the
 * documents of a file in order). YAML errors, a top-level value that is not a mapping and failed
 * interpolations are reported with their location; a document with YAML errors yields nothing.
 *
 * @example parseComposeFile('compose.yml', 'services:\n  web:\n    image: nginx\n', () => undefined, errors)
 */
export function parseComposeFile(
  path: string,
  text: string,
  lookup: VariableLookup,
  errors: SourceError[],
): YMap[] {
  const lc = new LineCounter()
  const at = (offset: number): SourceLocation => {
    const { line, col } = lc.linePos(offset)
    return { file: path, line, column: col }
  }
  const out: YMap[] = []
  for (const doc of parseAllDocuments(text, { lineCounter: lc, merge: true, prettyErrors: false })) {
    if (doc.errors.length) {
      for (const e of doc.errors)
        errors.push({ message: e.message.split('\n')[0] as string, location: at(e.pos[0]) })
      continue
    }
    if (doc.contents === null) continue
    try {
      const tree = yamlTree(doc, path, lc)
      if (tree.kind !== 'map') {
        errors.push({
          message: 'the top-level value of a compose file must be a mapping',
          location: tree.loc,
        })
        continue
      }
      const interpolated = interpolateTree(tree, lookup, errors)
      if (interpolated.kind === 'map') out.push(interpolated)
    } catch (err) {
      errors.push({ message: errorMessage(err), location: at(doc.range[0]) })
    }
  }
  return out
}
