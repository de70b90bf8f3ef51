import type { DockerfileModel } from '../../model/dockerfile.js'
import type { SourceLocation } from '../workload.js'

/**
 * Where a Dockerfile rule's finding path was written: `['instructions', 7]` (and anything below it)
 * is that instruction, `['stages', 1]` the stage's FROM; anything else falls back to the first
 * instruction (or line 1 of an empty file).
 *
 * @example locateInstruction(model, ['instructions', 2]) // { file: 'Dockerfile', line: 5, column: 1, endLine: 5, endColumn: 9 }
 */
export function locateInstruction(
  model: DockerfileModel,
  path: readonly (string | number)[],
): SourceLocation {
  let index = 0
  if (path[0] === 'instructions' && typeof path[1] === 'number') index = path[1]
  else if (path[0] === 'stages' && typeof path[1] === 'number')
    index = model.stages[path[1]]?.instruction ?? 0
  const i = model.instructions[index] ?? model.instructions[0]
  if (!i) return { file: model.file, line: 1, column: 1 }
  return { file: model.file, line: i.line, column: i.column, endLine: i.endLine, endColumn: i.endColumn }
}
