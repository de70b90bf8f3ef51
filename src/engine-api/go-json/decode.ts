import { isUtf8 } from 'node:buffer'
import { Decoder } from './decoder.js'
import { GoJsonError } from './error.js'
import { Scanner } from './scanner.js'
import type { GoType } from './types.js'
import type { GoValueOf } from './value.js'
import { zeroValue } from './zero.js'

/** The result of `decodeGo`. */
export interface Decoded<V> {
  /** What dockerd's decoder produces (see `GoValue` for the representation). */
  value: V
  /**
   * Input dockerd ignores, as formatted paths: object keys that match no struct field
   * (`HostConfig.Foo`; a top-level key is just the key) and array elements beyond a Go array's
   * length (`HostConfig.ConsoleSize[2]`). Their values were checked for syntax only.
   */
  unknown: string[]
}

/**
 * Decodes a request body as Go's encoding/json would decode it into `type`, or throws a
 * `GoJsonError` where the daemon would refuse it or where its reading is ambiguous.
 *
 * @example
 * const { value, unknown } = decodeGo(CreateRequest, Buffer.from('{"image":"alpine","Foo":1}'))
 * value.Image // 'alpine'
 * unknown // ['Foo']
 */
export function decodeGo<const T extends GoType>(type: T, body: Uint8Array): Decoded<GoValueOf<T>> {
  if (!isUtf8(body)) throw new GoJsonError('encoding', [], 'body is not valid UTF-8')
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')
  const decoder = new Decoder(text)
  try {
    const v = decoder.value(type, decoder.peek())
    decoder.end()
    return { value: (v === undefined ? zeroValue(type) : v) as GoValueOf<T>, unknown: decoder.unknown }
  } catch (err) {
    if (err instanceof GoJsonError && err.reason !== 'syntax' && err.reason !== 'depth') checkSyntax(text)
    throw err
  }
}

/** Throws the syntax error Go would report for `text`, if any: Go checks syntax before types. */
function checkSyntax(text: string): void {
  const scanner = new Scanner(text)
  scanner.skipValue()
  scanner.end()
}
