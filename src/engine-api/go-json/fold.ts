/**
 * Go's case-insensitive struct-field matching, as the union over the Go releases dockerd has been
 * built with. ASCII letters fold to upper case. Besides them, four runes fold onto an ASCII letter:
 * U+017F `ſ` → S and U+212A `K` (Kelvin) → K in every release, and U+0131 `ı` and U+0130 `İ` → I in
 * the releases whose `foldName` computed `unicode.ToUpper(unicode.ToLower(r))` (Go 1.21 and 1.22,
 * which built dockerd 25–27). Field names are ASCII, so no other non-ASCII rune can match one.
 */

/**
 * Folds an object key for matching against ASCII field names; `undefined` when the key contains a
 * rune that cannot match any ASCII name.
 *
 * @example
 * foldKey('privileged') // 'PRIVILEGED'
 * foldKey('\u017Fhm\u017Fize') // 'SHMSIZE'
 * foldKey('Privil\u00E8ged') // undefined
 */
export function foldKey(key: string): string | undefined {
  let ascii = true
  for (let i = 0; i < key.length; i++) {
    if (key.charCodeAt(i) >= 0x80) {
      ascii = false
      break
    }
  }
  if (ascii) return key.toUpperCase()
  let out = ''
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i)
    if (c < 0x80) out += c >= 0x61 && c <= 0x7a ? String.fromCharCode(c - 0x20) : key[i]
    else if (c === 0x17f) out += 'S'
    else if (c === 0x212a) out += 'K'
    else if (c === 0x131 || c === 0x130) out += 'I'
    else return undefined
  }
  return out
}

/** Folds an ASCII field name. */
export function foldName(name: string): string {
  return name.toUpperCase()
}
