import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { posix } from 'node:path'
import { completeSpec } from '../../model/complete-spec.js'
import { SpecOrigins } from '../docker-run/spec-origins.js'
import type { AdapterResult, SourceError, Workload } from '../workload.js'
import type { VariableLookup } from './interpolate.js'
import { type ComposeFile, loadComposeProject } from './load-compose-project.js'
import { parseDotenv } from './parse-dotenv.js'
import type { ServiceContext } from './service-context.js'
import { serviceToSpec } from './service-to-spec.js'
import { nodeLocation, type YMap } from './yaml-tree.js'

export interface ComposeOptions {
  /**
   * The shell environment compose would see. It wins over the project's `.env` file, as in compose.
   * Default: none (pass `process.env` for compose's exact behaviour).
   */
  env?: Record<string, string | undefined>
  /** Relative paths and `.env` are resolved here. Default: the directory of the first file. */
  projectDir?: string
  /** `docker compose -p`. Default: COMPOSE_PROJECT_NAME, the top-level `name:`, the directory name. */
  projectName?: string
  /** Where `~` points. Default: HOME from `env`, else the current user's home. */
  homeDir?: string
  /** Reads `.env`, `env_file` and `extends.file` files; undefined when missing. Default: the file system. */
  readFile?: (path: string) => string | undefined
}

function readFromDisk(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

/** compose's project name normalization: lower case, only `a-z0-9_-`. */
function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '')
}

function text(root: YMap | undefined, key: string): string | undefined {
  const n = root?.entries.get(key)
  return n?.kind === 'scalar' && n.value !== null ? String(n.value) : undefined
}

/**
 * Reads a compose project (one or more files, merged as `docker compose -f a.yml -f b.yml` merges
 * them) and returns every service as a workload whose spec is what docker compose sends dockerd,
 * profiles ignored (every service is scanned). Interpolation reads the shell environment (`env`)
 * first, then the project's `.env` file, as compose does. `locate` answers with the YAML node a spec
 * path came from (across files, anchors and `extends`), falling back to the service key. YAML
 * errors, a service that is not a mapping and values compose refuses are in `errors`, with their
 * location; the other services still become workloads.
 *
 * @example
 * const { workloads } = composeWorkloads([{ path: '/srv/app/compose.yml', text }], { env: process.env })
 * workloads[0]?.locate(['privileged']) // { file: '/srv/app/compose.yml', line: 7, column: 5, ... }
 */
export function composeWorkloads(files: readonly ComposeFile[], opts: ComposeOptions = {}): AdapterResult {
  const errors: SourceError[] = []
  const workloads: Workload[] = []
  const first = files[0]
  if (!first) return { workloads, errors }
  const projectDir = opts.projectDir ?? posix.dirname(first.path)
  const readFile = opts.readFile ?? readFromDisk
  const shell = opts.env ?? {}
  const fromShell: VariableLookup = (name) => (Object.hasOwn(shell, name) ? shell[name] : undefined)
  const dotenvText = readFile(posix.join(projectDir, '.env'))
  const dotenv = dotenvText === undefined ? {} : parseDotenv(dotenvText, fromShell)
  const lookup: VariableLookup = (name) =>
    fromShell(name) ?? (Object.hasOwn(dotenv, name) ? dotenv[name] : undefined)
  const root = loadComposeProject(files, { lookup, readFile, errors })
  const project = normalizeProjectName(
    opts.projectName ??
      lookup('COMPOSE_PROJECT_NAME') ??
      text(root, 'name') ??
      posix.basename(posix.resolve(projectDir)),
  )
  const mainFiles = new Set(files.map((f) => f.path))
  const baseDir = (file: string) => (mainFiles.has(file) ? projectDir : posix.dirname(file))
  const homeDir = opts.homeDir ?? lookup('HOME') ?? homedir()
  const services = root?.entries.get('services')
  if (!root || !services) return { workloads, errors }
  if (services.kind !== 'map') {
    errors.push({ message: 'services must be a mapping', location: nodeLocation(services) })
    return { workloads, errors }
  }
  for (const [name, service] of services.entries) {
    const location = service.keyLoc ?? service.loc
    if (service.kind !== 'map') {
      errors.push({ message: `service "${name}" must be a mapping`, location: nodeLocation(service) })
      continue
    }
    const origins = new SpecOrigins(location)
    const ctx: ServiceContext = {
      name,
      service,
      project,
      root,
      baseDir,
      homeDir,
      lookup,
      readFile,
      errors,
      origins,
      spec: {},
    }
    const spec = completeSpec(serviceToSpec(ctx))
    workloads.push({
      name: `service ${name}`,
      format: 'compose',
      spec,
      location,
      locate: (path) => origins.locate(path),
    })
  }
  return { workloads, errors }
}
