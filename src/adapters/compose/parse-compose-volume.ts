import { InputError } from '../../errors.js'

/** A service volume in compose's short syntax, parsed. */
export interface ComposeVolume {
  type: 'bind' | 'volume'
  source: string
  target: string
  readOnly: boolean
  propagation?: string
  noCopy?: boolean
}

const PROPAGATIONS = new Set(['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave'])

/**
 * compose-go `isFilePath`: sources starting with `.`, `/` or `~` (or a Windows path) are host paths.
 *
 * @example isHostPathSource('./data') // true
 */
export function isHostPathSource(source: string): boolean {
  return /^[./~]/.test(source) || source.startsWith('\\\\') || /^[A-Za-z]:/.test(source)
}

/**
 * Parses a compose short-syntax volume (`./data:/data:ro`, `/abs:/x`, `name:/x`, `/x`) as compose-go
 * `format.ParseVolume` does: colons inside `${...}` and after a Windows drive letter do not split; a
 * source that looks like a path is a bind, anything else a named volume; options `ro`, `rw`,
 * `nocopy` and bind propagation are read, others ignored.
 *
 * @example parseComposeVolume('./data:/data:ro') // { type: 'bind', source: './data', target: '/data', readOnly: true }
 */
export function parseComposeVolume(spec: string): ComposeVolume {
  if (spec === '') throw new InputError('invalid empty volume spec')
  const out: ComposeVolume = { type: 'volume', source: '', target: '', readOnly: false }
  if (spec.length <= 2) return { ...out, target: spec }
  const fields: string[] = []
  let buffer = ''
  let depth = 0
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i] as string
    if (c === '$' && spec[i + 1] === '{') depth++
    else if (c === '}' && depth > 0) depth--
    else if (c === ':' && depth === 0 && !(buffer.length === 1 && /[A-Za-z]/.test(buffer))) {
      fields.push(buffer)
      buffer = ''
      continue
    }
    buffer += c
  }
  fields.push(buffer)
  if (fields.some((f) => f === ''))
    throw new InputError(`invalid spec: ${spec}: empty section between colons`)
  if (fields.length > 3) throw new InputError(`invalid spec: ${spec}: too many colons`)
  if (fields.length === 1) out.target = fields[0] as string
  else {
    out.source = fields[0] as string
    out.target = fields[1] as string
  }
  for (const option of (fields[2] ?? '').split(',')) {
    if (option === 'ro') out.readOnly = true
    else if (option === 'rw') out.readOnly = false
    else if (option === 'nocopy') out.noCopy = true
    else if (PROPAGATIONS.has(option)) out.propagation = option
  }
  out.type = isHostPathSource(out.source) ? 'bind' : 'volume'
  return out
}
