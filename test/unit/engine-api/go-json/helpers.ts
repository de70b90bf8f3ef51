import assert from 'node:assert/strict'
import {
  type Decoded,
  decodeGo,
  GoJsonError,
  type GoJsonErrorReason,
  type GoType,
  type GoValue,
} from '../../../../src/engine-api/go-json/index.js'

/** Decodes a JSON text (UTF-8 encoded) as `type`. */
export function dec<const T extends GoType>(type: T, text: string): Decoded<GoValue> {
  return decodeGo(type, Buffer.from(text, 'utf8')) as Decoded<GoValue>
}

/** The decoded value of `text`. */
export function val(type: GoType, text: string): GoValue {
  return dec(type, text).value
}

/** Asserts that decoding throws a GoJsonError with `reason` (and `path`, when given); returns it. */
export function rejects(
  type: GoType,
  body: string | Uint8Array,
  reason: GoJsonErrorReason,
  path?: (string | number)[],
): GoJsonError {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  try {
    decodeGo(type, bytes)
  } catch (err) {
    assert.ok(err instanceof GoJsonError, `expected GoJsonError, got ${String(err)}`)
    assert.equal(err.reason, reason, `${JSON.stringify(String(body).slice(0, 80))}: ${err.message}`)
    if (path !== undefined) assert.deepEqual(err.path, path, err.message)
    return err
  }
  assert.fail(`expected ${reason} error for ${JSON.stringify(String(body).slice(0, 80))}`)
}

/** A struct value as the decoder builds it: a null-prototype object. */
export function obj(fields: Record<string, GoValue>): GoValue {
  return Object.assign(Object.create(null), fields)
}
