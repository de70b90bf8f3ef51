/**
 * String functions with the semantics of Go's `strings` package, for places where dockerd's handling
 * of a value is what decides (capability names, modes, ...). JavaScript's own functions use full
 * Unicode case mappings; Go uses simple, one-rune mappings.
 */

const ASCII = /^[\x00-\x7f]*$/

/** Go's `strings.ToUpper`: each rune through its simple upper-case mapping. */
export function goToUpper(s: string): string {
  if (ASCII.test(s)) return s.toUpperCase()
  let out = ''
  for (const ch of s) {
    const up = ch.toUpperCase()
    out += [...up].length === 1 ? up : ch
  }
  return out
}

/** Go's `strings.ToLower`: each rune through its simple lower-case mapping. */
export function goToLower(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase()
  let out = ''
  for (const ch of s) {
    const low = ch.toLowerCase()
    out += [...low].length === 1 ? low : ch
  }
  return out
}

/** Go's `strings.TrimSpace`: strips Unicode white space from both ends. */
export function goTrimSpace(s: string): string {
  return s.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '')
}
