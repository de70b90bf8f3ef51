/**
 * The hash of an object key that the scanner computes while reading it, so that field lookup
 * needs no second pass over the key (see `findExact`).
 *
 * @example
 * hashKey('Image') === hashKey('Image') // true
 */
export function hashKey(key: string): number {
  let h = 0
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0
  return h
}
