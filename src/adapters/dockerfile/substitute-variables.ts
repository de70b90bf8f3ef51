/** Variables in scope at an instruction: a value, or undefined for an ARG declared without one. */
export type DockerfileScope = ReadonlyMap<string, string | undefined>

/** A word after substitution, and whether a variable it used had no value. */
export interface Substituted {
  value: string
  unresolved: boolean
}

function closingBrace(s: string, from: number): number {
  let depth = 1
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') i++
    else if (s[i] === '{') depth++
    else if (s[i] === '}' && --depth === 0) return i
  }
  return -1
}

/**
 * Substitutes Dockerfile variables in a word as BuildKit does for FROM, USER, EXPOSE, ADD, ENV, ...:
 * `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`, `${VAR+alt}`,
 * `${VAR:?msg}`, `${VAR?msg}`, and `\$` for a literal dollar. A variable without a value (an ARG
 * with no default: its value comes from `--build-arg`) makes the result `unresolved`.
 *
 * @example substituteVariables('node:${NODE_VERSION:-20}-alpine', new Map()) // { value: 'node:20-alpine', unresolved: false }
 */
export function substituteVariables(word: string, scope: DockerfileScope): Substituted {
  let unresolved = false
  let out = ''
  for (let i = 0; i < word.length; i++) {
    const c = word[i] as string
    if (c === '\\' && word[i + 1] === '$') {
      out += '$'
      i++
      continue
    }
    if (c !== '$') {
      out += c
      continue
    }
    if (word[i + 1] === '{') {
      const close = closingBrace(word, i + 2)
      if (close < 0) {
        out += word.slice(i)
        break
      }
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([\s\S]*))?$/.exec(word.slice(i + 2, close))
      i = close
      if (!m) {
        unresolved = true
        continue
      }
      const value = scope.get(m[1] as string)
      const op = m[2]
      const arg = substituteVariables(m[3] ?? '', scope)
      const set = value !== undefined
      const nonEmpty = set && value !== ''
      if (op === ':-' || op === '-') {
        const use = op === ':-' ? nonEmpty : set
        if (use) out += value
        else {
          out += arg.value
          unresolved ||= arg.unresolved
        }
      } else if (op === ':+' || op === '+') {
        if (op === ':+' ? nonEmpty : set) {
          out += arg.value
          unresolved ||= arg.unresolved
        }
      } else {
        if (!set) unresolved = true
        out += value ?? ''
      }
      continue
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.slice(i + 1))?.[0]
    if (name === undefined) {
      out += '$'
      continue
    }
    const value = scope.get(name)
    if (value === undefined) unresolved = true
    out += value ?? ''
    i += name.length
  }
  return { value: out, unresolved }
}
