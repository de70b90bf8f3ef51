import { basename, extname } from 'node:path'

/** The file formats the scanner recognizes. */
export type FileFormat = 'compose' | 'kubernetes' | 'dockerfile' | 'docker-run'

/** What detection decided for one file: a format, a reason to skip it, or nothing to scan. */
export type Detection = { format: FileFormat } | { skip: string } | undefined

const YAML_EXT = new Set(['.yml', '.yaml'])
const SHELL_EXT = new Set(['.sh', '.bash', '.zsh', '.ksh', '.mk'])
const SHELL_NAMES = new Set(['makefile', 'gnumakefile', 'jenkinsfile', 'justfile', 'taskfile', 'procfile'])
/** Prose and markup: `docker run` there is an example, not something that runs. */
const DOC_EXT = new Set(['.md', '.markdown', '.rst', '.txt', '.adoc', '.html', '.htm', '.org', '.tex'])

const COMPOSE_BLOCK = /^services[ \t]*:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]+[^\s#-]/m
const COMPOSE_FLOW = /^services[ \t]*:[ \t]*\{/m
const K8S_API_VERSION = /^apiVersion[ \t]*:/m
const K8S_KIND = /^kind[ \t]*:/m
/** A line that starts with a template action, or a value that is one: Helm / Go templates are not YAML yet. */
const TEMPLATE = /^[ \t]*\{\{|:[ \t]+\{\{/m
const DOCKER_RUN = /\bdocker(?:[ \t]+container)?[ \t]+(?:run|create)\b/
const SHEBANG = /^#![^\n]*\b(?:sh|bash|zsh|ksh|dash|ash)\b/

/** Extensions that make `Dockerfile.<x>` / `dockerfile-<x>` a source or data file, not a Dockerfile. */
const NOT_DOCKERFILE =
  /\.(?:[cm]?[jt]sx?|go|py|rb|rs|java|kt|c|h|cc|cpp|cs|php|sh|md|txt|json|ya?ml|toml|lock|html|css)$/i

/**
 * Dockerfile names: Dockerfile, Dockerfile.prod, Dockerfile-dev, prod.Dockerfile, Containerfile,
 * app.containerfile; not source files that happen to start with the word (dockerfile-model.ts).
 *
 * @example isDockerfileName('api.Dockerfile') // true
 */
export function isDockerfileName(name: string): boolean {
  if (/\.(?:dockerfile|containerfile)$/i.test(name)) return true
  return /^(?:dockerfile|containerfile)(?:[.-].*)?$/i.test(name) && !NOT_DOCKERFILE.test(name)
}

/** The first instruction, skipping comments, parser directives, blank lines and ARGs, is FROM. */
function startsWithFrom(text: string): boolean {
  for (const raw of text.slice(0, 8192).split('\n')) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    if (/^arg\s/i.test(line)) continue
    return /^from\s+(?:--platform=\S+\s+)?[\w.:/@${}-]+(?:\s+as\s+[\w.-]+)?$/i.test(line)
  }
  return false
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text)
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

function detectYaml(text: string): Detection {
  if (COMPOSE_BLOCK.test(text) || COMPOSE_FLOW.test(text)) return { format: 'compose' }
  if (K8S_API_VERSION.test(text) && K8S_KIND.test(text)) {
    if (TEMPLATE.test(text))
      return { skip: 'a Helm or Go template: render it (helm template …) and scan the output' }
    return { format: 'kubernetes' }
  }
  return DOCKER_RUN.test(text) ? { format: 'docker-run' } : undefined
}

/**
 * Decides by content what a file is, so that names do not matter: a compose file has a top-level
 * `services:` mapping; a Kubernetes manifest top-level `apiVersion:` and `kind:`; a Dockerfile is
 * named like one or starts with FROM; a shell script, Makefile or CI file containing `docker run` or
 * `docker create` holds command lines to check. Prose (Markdown, text) is never scanned.
 *
 * @example detectFormat('deploy/web.yml', 'services:\n  web:\n    image: nginx\n') // { format: 'compose' }
 */
export function detectFormat(file: string, text: string): Detection {
  const name = basename(file)
  const ext = extname(name).toLowerCase()
  if (DOC_EXT.has(ext)) return undefined
  if (isDockerfileName(name)) return { format: 'dockerfile' }
  if (YAML_EXT.has(ext)) return detectYaml(text)
  if (ext === '.json') {
    const obj = jsonObject(text)
    if (!obj) return undefined
    const services = obj['services']
    if (services !== null && typeof services === 'object' && !Array.isArray(services))
      return { format: 'compose' }
    if (typeof obj['apiVersion'] === 'string' && typeof obj['kind'] === 'string')
      return { format: 'kubernetes' }
    return undefined
  }
  const shellLike = SHELL_EXT.has(ext) || SHELL_NAMES.has(name.toLowerCase()) || SHEBANG.test(text)
  if (shellLike) return DOCKER_RUN.test(text) ? { format: 'docker-run' } : undefined
  if (ext === '' && startsWithFrom(text)) return { format: 'dockerfile' }
  return undefined
}
