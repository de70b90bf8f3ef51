import { interpolate, type VariableLookup } from './interpolate.js'

/** Escapes in double quotes; `\$` stays a literal dollar through interpolation (`$$`). */
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', $: '$$' }

/**
 * Reads a `.env` file as compose does: `KEY=value` lines (also `export KEY=value` and `KEY: value`),
 * `#` comments (inline after unquoted values when preceded by a space), single quotes literal,
 * double quotes with escapes and multiple lines, and `${VAR}` interpolation in unquoted and
 * double-quoted values from the variables defined above it, then from `lookup`.
 *
 * @example parseDotenv('TAG=1.27\nIMAGE=nginx:${TAG}\n') // { TAG: '1.27', IMAGE: 'nginx:1.27' }
 */
export function parseDotenv(text: string, lookup: VariableLookup = () => undefined): Record<string, string> {
  const vars: Record<string, string> = {}
  const resolve: VariableLookup = (name) => (Object.hasOwn(vars, name) ? vars[name] : lookup(name))
  const src = text.replace(/\r\n/g, '\n')
  let i = 0
  while (i < src.length) {
    const nl = src.indexOf('\n', i)
    const lineEnd = nl < 0 ? src.length : nl
    const line = src.slice(i, lineEnd)
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s?/.exec(line)
    if (!m || line.trim().startsWith('#')) {
      i = lineEnd + 1
      continue
    }
    const key = m[1] as string
    const start = i + m[0].length
    const quote = src[start]
    if (quote === "'" || quote === '"') {
      let j = start + 1
      let value = ''
      while (j < src.length && src[j] !== quote) {
        if (quote === '"' && src[j] === '\\' && j + 1 < src.length) {
          value += ESCAPES[src[j + 1] as string] ?? `\\${src[j + 1]}`
          j += 2
        } else value += src[j++]
      }
      vars[key] = quote === '"' ? interpolate(value, resolve) : value
      const after = src.indexOf('\n', j)
      i = after < 0 ? src.length : after + 1
      continue
    }
    const raw = src
      .slice(start, lineEnd)
      .replace(/\s+#.*$/, '')
      .trim()
    vars[key] = interpolate(raw, resolve)
    i = lineEnd + 1
  }
  return vars
}
