/** JSON text for scalars, as the encoder writes them. */
import { parseGoFloat } from './numbers.js'

const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

function escapeChar(c: number): string {
  switch (c) {
    case 0x22:
      return '\\"'
    case 0x5c:
      return '\\\\'
    case 0x0a:
      return '\\n'
    case 0x0d:
      return '\\r'
    case 0x09:
      return '\\t'
    default:
      return `\\u${c.toString(16).padStart(4, '0')}`
  }
}

/**
 * A JSON string literal: `"`, `\` and control characters escaped, everything else literal;
 * `undefined` if `s` holds a lone surrogate (it has no UTF-8 form).
 *
 * @example
 * quoteJson('a"b\n') // '"a\\"b\\n"'
 */
export function quoteJson(s: string): string | undefined {
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`
  let out = '"'
  let chunk = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdfff) {
      const low = s.charCodeAt(i + 1)
      if (c > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) return undefined
      i++
    } else if (c < 0x20 || c === 0x22 || c === 0x5c) {
      out += s.slice(chunk, i) + escapeChar(c)
      chunk = i + 1
    }
  }
  return `${out}${s.slice(chunk)}"`
}

/**
 * The shortest decimal that Go's `strconv.ParseFloat(s, bits)` reads back as `n` (`-0` for negative
 * zero); `undefined` for NaN, infinities and, for float32, numbers that are not float32 values.
 *
 * @example
 * formatFloat(0.1, 64) // '0.1'
 * formatFloat(Math.fround(0.1), 32) // '0.1'
 */
export function formatFloat(n: number, bits: 32 | 64): string | undefined {
  if (!Number.isFinite(n)) return undefined
  if (Object.is(n, -0)) return '-0'
  if (bits === 64) return String(n)
  if (Math.fround(n) !== n) return undefined
  for (let p = 1; p < 9; p++) {
    const s = n.toPrecision(p)
    if (parseGoFloat(s, 32) === n) return s
  }
  return n.toPrecision(9)
}
