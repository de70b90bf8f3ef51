/** A string literal with escapes, decoded: its text and the index after its closing quote. */
export interface Unescaped {
  readonly text: string
  readonly end: number
}

/** Why a string literal could not be decoded, and where. */
export interface EscapeProblem {
  readonly problem: 'syntax' | 'encoding'
  readonly at: number
  /** For syntax problems, the context of the offending character ("in string escape code"). */
  readonly detail: string
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30
  if (c >= 0x61 && c <= 0x66) return c - 0x57
  if (c >= 0x41 && c <= 0x46) return c - 0x37
  return -1
}

/** The value of the four hex digits at `at`, or -(position of the first bad digit) - 1. */
function hex4(src: string, at: number): number {
  let v = 0
  for (let k = 0; k < 4; k++) {
    const h = at + k < src.length ? hexValue(src.charCodeAt(at + k)) : -1
    if (h < 0) return -(at + k) - 1
    v = v * 16 + h
  }
  return v
}

const SIMPLE: Record<number, string> = {
  34: '"',
  92: '\\',
  47: '/',
  98: '\b',
  102: '\f',
  110: '\n',
  114: '\r',
  116: '\t',
}

/**
 * Decodes the string literal whose text starts at `start` and whose first backslash is at
 * `firstEscape`, with Go's escapes. A `\u` escape of a UTF-16 surrogate must form a pair with the
 * next one; Go would turn a lone one into U+FFFD, which `strict` refuses as an encoding problem.
 *
 * @example
 * unescapeString('"a\\nb"', 1, 2, true) // { text: 'a\nb', end: 7 }
 */
export function unescapeString(
  src: string,
  start: number,
  firstEscape: number,
  strict: boolean,
): Unescaped | EscapeProblem {
  const n = src.length
  let out = src.slice(start, firstEscape)
  let chunk = firstEscape
  let i = firstEscape
  for (;;) {
    if (i >= n) return { problem: 'syntax', at: n, detail: 'in string literal' }
    const c = src.charCodeAt(i)
    if (c === 0x22) return { text: out + src.slice(chunk, i), end: i + 1 }
    if (c < 0x20) return { problem: 'syntax', at: i, detail: 'in string literal' }
    if (c !== 0x5c) {
      i++
      continue
    }
    out += src.slice(chunk, i)
    const e = i + 1 < n ? src.charCodeAt(i + 1) : -1
    const simple = SIMPLE[e]
    if (simple !== undefined) {
      out += simple
      i += 2
    } else if (e === 0x75) {
      const u = hex4(src, i + 2)
      if (u < 0) return { problem: 'syntax', at: -u - 1, detail: 'in \\u hexadecimal character escape' }
      if (u >= 0xd800 && u <= 0xdfff) {
        const pairs = u <= 0xdbff && src.charCodeAt(i + 6) === 0x5c && src.charCodeAt(i + 7) === 0x75
        const low = pairs ? hex4(src, i + 8) : -1
        if (pairs && low < 0)
          return { problem: 'syntax', at: -low - 1, detail: 'in \\u hexadecimal character escape' }
        if (low >= 0xdc00 && low <= 0xdfff) {
          out += String.fromCharCode(u, low)
          i += 12
          chunk = i
          continue
        }
        if (strict)
          return { problem: 'encoding', at: i, detail: `lone surrogate \\u${u.toString(16)} in string` }
      }
      out += String.fromCharCode(u)
      i += 6
    } else {
      return { problem: 'syntax', at: Math.min(i + 1, n), detail: 'in string escape code' }
    }
    chunk = i
  }
}
