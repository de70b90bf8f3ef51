import { errorMessage } from '../../errors.js'
import type { AdapterResult, SourceLocation, Workload } from '../workload.js'
import { parseDockerRun } from './docker-run-to-spec.js'
import { extractDockerRunLines } from './extract-docker-run-lines.js'
import { SpecOrigins } from './spec-origins.js'
import { splitDockerCommand } from './split-docker-command.js'

function subcommand(argv: readonly string[]): string {
  return splitDockerCommand(argv)?.subcommand ?? 'run'
}

function span(words: readonly SourceLocation[], from: number, to: number): SourceLocation | undefined {
  const a = words[from]
  const b = words[to] ?? a
  if (!a || !b) return undefined
  return { ...a, endLine: b.endLine ?? b.line, endColumn: b.endColumn ?? b.column }
}

/**
 * Every `docker run` / `docker create` command in a shell script, Makefile or CI YAML file as a
 * workload whose spec is what the command asks dockerd for. A command the docker CLI would refuse is
 * reported as an error at its location; the other commands still become workloads.
 *
 * @example dockerRunWorkloads('Makefile', 'up:\n\tdocker run --privileged app\n').workloads[0]?.locate(['privileged'])
 * // { file: 'Makefile', line: 2, column: 13, endLine: 2, endColumn: 25 }
 */
export function dockerRunWorkloads(path: string, text: string): AdapterResult {
  const result: AdapterResult = { workloads: [], errors: [] }
  for (const line of extractDockerRunLines(path, text)) {
    let parsed: ReturnType<typeof parseDockerRun>
    try {
      parsed = parseDockerRun(line.argv)
    } catch (err) {
      result.errors.push({
        message: `docker ${subcommand(line.argv)}: ${errorMessage(err)}`,
        location: line.location,
      })
      continue
    }
    const origins = new SpecOrigins(line.location)
    for (const o of parsed.origins) origins.set(o.path, span(line.words, o.from, o.to))
    const workload: Workload = {
      name: `docker ${subcommand(line.argv)} (${path}:${line.location.line})`,
      format: 'docker-run',
      spec: parsed.spec,
      location: line.location,
      locate: (p) => origins.locate(p),
    }
    result.workloads.push(workload)
  }
  return result
}
