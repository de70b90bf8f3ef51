import { basename, dirname } from 'node:path'

const BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']
const OVERRIDE_NAMES = [
  'compose.override.yaml',
  'compose.override.yml',
  'docker-compose.override.yaml',
  'docker-compose.override.yml',
]

/**
 * Groups compose files the way `docker compose` reads a directory: the first default file
 * (compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml) merged with the override
 * file of the same family; every other compose file is a project of its own.
 *
 * @example composeProjects(['/a/compose.yaml', '/a/compose.override.yaml', '/a/prod.yml'])
 * // [['/a/compose.yaml', '/a/compose.override.yaml'], ['/a/prod.yml']]
 */
export function composeProjects(files: readonly string[]): string[][] {
  const byDir = new Map<string, string[]>()
  for (const f of files) byDir.set(dirname(f), [...(byDir.get(dirname(f)) ?? []), f])
  const out: string[][] = []
  for (const group of byDir.values()) {
    const names = new Map(group.map((f) => [basename(f), f]))
    const base = BASE_NAMES.find((n) => names.has(n))
    const used = new Set<string>()
    if (base) {
      const override = base.replace(/\.(ya?ml)$/, '.override.$1')
      const project = [names.get(base) as string]
      used.add(base)
      const overrideFile =
        names.get(override) ?? OVERRIDE_NAMES.map((n) => names.get(n)).find((f) => f !== undefined)
      if (overrideFile) {
        project.push(overrideFile)
        used.add(basename(overrideFile))
      }
      out.push(project)
    }
    for (const f of group) if (!used.has(basename(f))) out.push([f])
  }
  return out
}
