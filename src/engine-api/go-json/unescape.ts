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

function simpleEscape(e: number): number {
  switch (e) {
    case 0x22:
    case 0x5c:
    case 0x2f:
      return e
    case 0x62:
      return 0x08
    case 0x66:
      return 0x0c
    case 0x6e:
      return 0x0a
    case 0x72:
      return 0x0d
    case 0x74:
      return 0x09
    default:
      return -1
  }
}

/** Reused output buffer: decoding writes code units, so long strings cost no concatenation. */
let scratch: Uint16Array = new Uint16Array(512)

function grow(buf: Uint16Array, min: number): Uint16Array {
  const next = new Uint16Array(Math.max(min, buf.length * 2))
  next.set(buf)
  return next
}

function toText(buf: Uint16Array, n: number): string {
  let out = ''
  for (let i = 0; i < n; i += 8192) {
    out += String.fromCharCode.apply(null, buf.subarray(i, Math.min(n, i + 8192)) as unknown as number[])
  }
  return out
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
  let buf: Uint16Array = scratch
  let len = 0
  for (let i = start; i < firstEscape; i++) {
    if (len >= buf.length) buf = grow(buf, len + 1)
    buf[len++] = src.charCodeAt(i)
  }
  let i = firstEscape
  for (;;) {
    if (i >= n) return { problem: 'syntax', at: n, detail: 'in string literal' }
    if (len + 2 > buf.length) buf = grow(buf, len + 2)
    const c = src.charCodeAt(i)
    if (c === 0x22) break
    if (c < 0x20) return { problem: 'syntax', at: i, detail: 'in string literal' }
    if (c !== 0x5c) {
      buf[len++] = c
      i++
      continue
    }
    const e = i + 1 < n ? src.charCodeAt(i + 1) : -1
    const simple = simpleEscape(e)
    if (simple >= 0) {
      buf[len++] = simple
      i += 2
      continue
    }
    if (e !== 0x75) return { problem: 'syntax', at: Math.min(i + 1, n), detail: 'in string escape code' }
    const u = hex4(src, i + 2)
    if (u < 0) return { problem: 'syntax', at: -u - 1, detail: 'in \\u hexadecimal character escape' }
    i += 6
    if (u >= 0xd800 && u <= 0xdfff) {
      const pairs = u <= 0xdbff && src.charCodeAt(i) === 0x5c && src.charCodeAt(i + 1) === 0x75
      const low = pairs ? hex4(src, i + 2) : -1
      if (pairs && low < 0)
        return { problem: 'syntax', at: -low - 1, detail: 'in \\u hexadecimal character escape' }
      if (low >= 0xdc00 && low <= 0xdfff) {
        buf[len++] = u
        buf[len++] = low
        i += 6
        continue
      }
      if (strict)
        return { problem: 'encoding', at: i - 6, detail: `lone surrogate \\u${u.toString(16)} in string` }
    }
    buf[len++] = u
  }
  if (buf.length <= 1 << 16) scratch = buf
  return { text: toText(buf, len), end: i + 1 }
}
