/** A base image a Dockerfile's FROM names, with its variables substituted. */
export interface BaseImage {
  /** 1-based line of the FROM instruction. */
  line: number
  /** The image as written. */
  written: string
  /** The image after ARG substitution; undefined when a variable could not be resolved. */
  image: string | undefined
}

/** A remote source a Dockerfile's ADD makes the daemon fetch. */
export interface RemoteSource {
  line: number
  url: string
}

interface LogicalLine {
  line: number
  text: string
}

function logicalLines(text: string): LogicalLine[] {
  const physical = text.split(/\r?\n/)
  let escapeChar = '\\'
  const directive = /^#\s*escape\s*=\s*([\\`])\s*$/i
  for (const l of physical) {
    const m = directive.exec(l.trim())
    if (m?.[1]) {
      escapeChar = m[1]
      continue
    }
    if (!/^#\s*[a-z]+\s*=/i.test(l.trim())) break
  }
  const out: LogicalLine[] = []
  let current: LogicalLine | undefined
  physical.forEach((raw, i) => {
    const trimmed = raw.trim()
    if (trimmed.startsWith('#') || (current && trimmed === '')) return
    const continued = trimmed.endsWith(escapeChar)
    const piece = continued ? trimmed.slice(0, -1) : trimmed
    if (current) current.text += ` ${piece}`
    else current = { line: i + 1, text: piece }
    if (!continued) {
      if (current.text.trim() !== '') out.push(current)
      current = undefined
    }
  })
  if (current) out.push(current)
  return out
}

function substitute(word: string, vars: ReadonlyMap<string, string>): string | undefined {
  let failed = false
  const out = word.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))|\$\{[^}]*\}/g,
    (
      all,
      braced: string | undefined,
      op: string | undefined,
      arg: string | undefined,
      bare: string | undefined,
    ) => {
      const name = braced ?? bare
      if (name === undefined) {
        failed = true
        return all
      }
      const value = vars.get(name)
      if (op === ':-') return value === undefined || value === '' ? (arg ?? '') : value
      if (op === ':+') return value === undefined || value === '' ? '' : (arg ?? '')
      if (value === undefined) failed = true
      return value ?? ''
    },
  )
  return failed ? undefined : out
}

/**
 * The base images a Dockerfile pulls: every FROM that names neither `scratch` nor an earlier stage,
 * with global ARG defaults and build args substituted (`${VAR}`, `$VAR`, `${VAR:-default}`,
 * `${VAR:+alt}`). A FROM whose variables cannot be resolved has `image: undefined`.
 *
 * @example dockerfileBaseImages('ARG V=3.20\nFROM alpine:${V} AS build\nFROM build', {})
 * // [{ line: 2, written: 'alpine:${V}', image: 'alpine:3.20' }]
 */
export function dockerfileBaseImages(text: string, buildArgs: Record<string, string | null>): BaseImage[] {
  const vars = new Map<string, string>()
  const stages = new Set<string>()
  const out: BaseImage[] = []
  let seenFrom = false
  for (const { line, text: l } of logicalLines(text)) {
    const [instruction = '', ...words] = l.trim().split(/\s+/)
    const kind = instruction.toUpperCase()
    if (kind === 'ARG' && !seenFrom) {
      for (const w of words) {
        const eq = w.indexOf('=')
        const name = eq < 0 ? w : w.slice(0, eq)
        const given = buildArgs[name]
        const dflt = eq < 0 ? undefined : w.slice(eq + 1).replace(/^"(.*)"$/, '$1')
        const value = given ?? dflt
        if (value !== undefined) vars.set(name, value)
      }
    }
    if (kind !== 'FROM') continue
    seenFrom = true
    const args = words.filter((w) => !w.startsWith('--'))
    const written = args[0] ?? ''
    const image = substitute(written, vars)
    const local =
      image !== undefined && (image.toLowerCase() === 'scratch' || stages.has(image.toLowerCase()))
    if (args[1]?.toUpperCase() === 'AS' && args[2]) stages.add(args[2].toLowerCase())
    if (!local) out.push({ line, written, image })
  }
  return out
}

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i

function addSources(args: string): string[] {
  const trimmed = args.trim()
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed)
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed.slice(0, -1)
    } catch {
      // Not JSON: BuildKit then reads it as the shell form, as below.
    }
  }
  const words = trimmed.split(/\s+/).filter((w) => !w.startsWith('--'))
  return words.slice(0, -1)
}

/**
 * The URLs and git repositories a Dockerfile's ADD instructions make the builder fetch (`ADD
 * https://... /dst`, `ADD git@host:repo.git /dst`), in shell and JSON form. The builder runs in the
 * daemon, so it fetches them from the daemon's network.
 *
 * @example dockerfileRemoteSources('FROM alpine\nADD http://169.254.169.254/x /x')
 * // [{ line: 2, url: 'http://169.254.169.254/x' }]
 */
export function dockerfileRemoteSources(text: string): RemoteSource[] {
  const out: RemoteSource[] = []
  for (const { line, text: l } of logicalLines(text)) {
    const m = /^\s*(\S+)\s+([\s\S]*)$/.exec(l)
    if (m?.[1]?.toUpperCase() !== 'ADD') continue
    for (const src of addSources(m?.[2] ?? '')) if (REMOTE.test(src)) out.push({ line, url: src })
  }
  return out
}
