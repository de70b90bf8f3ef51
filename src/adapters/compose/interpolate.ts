import { InputError } from '../../errors.js'

/** Looks a variable up: its value, or undefined when it is not set. */
export type VariableLookup = (name: string) => string | undefined

const NAME = /^[_a-z][_a-z0-9]*/i
const BRACED = /^([_a-z][_a-z0-9]*)(?:(:?[-+?])([^\n]*))?$/is

/** compose-go's getFirstBraceClosingIndex: the `}` closing a `${` at `from`, counting nested braces. */
function closingBrace(s: string, from: number): number {
  let open = 0
  for (let i = from; i < s.length; i++) {
    if (s[i] === '}') {
      open--
      if (open === 0) return i
    }
    if (s[i] === '{') {
      open++
      i++
    }
  }
  return -1
}

function braced(content: string, template: string, lookup: VariableLookup): string {
  const m = BRACED.exec(content)
  if (!m) throw new InputError(`Invalid template: "${template}"`)
  const name = m[1] as string
  const value = lookup(name)
  const op = m[2]
  if (op === undefined) return value ?? ''
  const arg = m[3] ?? ''
  const set = value !== undefined
  const nonEmpty = set && value !== ''
  switch (op) {
    case ':-':
      return nonEmpty ? value : interpolate(arg, lookup)
    case '-':
      return set ? value : interpolate(arg, lookup)
    case ':+':
      return nonEmpty ? interpolate(arg, lookup) : (value ?? '')
    case '+':
      return set ? interpolate(arg, lookup) : ''
    default: {
      const ok = op === ':?' ? nonEmpty : set
      if (ok) return value as string
      const reason = interpolate(arg, lookup)
      throw new InputError(
        `required variable ${name} is missing a value${reason === '' ? '' : `: ${reason}`}`,
      )
    }
  }
}

/**
 * Substitutes variables in a compose file value as compose does (compose-go `template`): `$VAR`,
 * `${VAR}`, `${VAR:-default}` (unset or empty), `${VAR-default}` (unset), `${VAR:+alt}`,
 * `${VAR+alt}`, `${VAR:?error}` and `${VAR?error}` (throw when missing), nested in defaults, and `$$`
 * for a literal `$`. An unset variable without a default becomes the empty string.
 *
 * @example interpolate('${TAG:-1.27}', () => undefined) // '1.27'
 */
export function interpolate(template: string, lookup: VariableLookup): string {
  let out = ''
  let i = 0
  while (i < template.length) {
    const dollar = template.indexOf('$', i)
    if (dollar < 0) return out + template.slice(i)
    out += template.slice(i, dollar)
    const next = template[dollar + 1]
    if (next === '$') {
      out += '$'
      i = dollar + 2
      continue
    }
    if (next === '{') {
      const close = closingBrace(template, dollar + 1)
      if (close < 0) throw new InputError(`Invalid template: "${template}"`)
      out += braced(template.slice(dollar + 2, close), template, lookup)
      i = close + 1
      continue
    }
    const name = NAME.exec(template.slice(dollar + 1))?.[0]
    if (name !== undefined) {
      out += lookup(name) ?? ''
      i = dollar + 1 + name.length
      continue
    }
    out += '$'
    i = dollar + 1
  }
  return out
}
