/**
 * `[]byte` in JSON: Go's `base64.StdEncoding` (standard alphabet, `=` padding required, CR and LF
 * skipped anywhere, non-zero trailing bits accepted).
 */

function isAlphabet(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2b ||
    c === 0x2f
  )
}

/**
 * Decodes as Go's `base64.StdEncoding.DecodeString`; `undefined` where Go returns an error.
 *
 * @example
 * decodeGoBase64('aGk=') // Uint8Array [104, 105]
 * decodeGoBase64('aGk') // undefined (padding is required)
 */
export function decodeGoBase64(text: string): Uint8Array | undefined {
  const clean = text.includes('\n') || text.includes('\r') ? text.replace(/[\r\n]/g, '') : text
  if (clean.length % 4 !== 0) return undefined
  const end = clean.length
  for (let i = 0; i < end; i++) {
    const c = clean.charCodeAt(i)
    if (isAlphabet(c)) continue
    const pad = c === 0x3d && i >= end - 2 && i % 4 >= 2
    if (!pad || (i === end - 2 && clean.charCodeAt(end - 1) !== 0x3d)) return undefined
  }
  return new Uint8Array(Buffer.from(clean, 'base64'))
}

/** Encodes as Go's `base64.StdEncoding.EncodeToString`. */
export function encodeGoBase64(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')
}
