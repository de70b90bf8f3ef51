import { InputError } from '../../errors.js'
import { decodeGo, type GoType, type GoValueOf } from '../go-json/index.js'
import type { InterpretInput } from './interpretation.js'

function header(headers: InterpretInput['headers'], name: string): string {
  const v = headers[name]
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '')
}

/**
 * dockerd's CheckForJSON: a body must come with `Content-Type: application/json` (parameters
 * allowed); no Content-Type is fine only without a body.
 */
export function checkForJson(input: InterpretInput): void {
  const ct = header(input.headers, 'content-type')
  const hasBody = input.body !== undefined && input.body.length > 0
  if (ct === '' && !hasBody) return
  const media = ct.split(';')[0]?.trim().toLowerCase()
  if (media !== 'application/json') {
    throw new InputError(`Content-Type specified (${ct}) must be 'application/json'`)
  }
}

/** Decodes the request body with Go's semantics, after dockerd's content-type check. */
export function decodeBody<const T extends GoType>(
  input: InterpretInput,
  type: T,
): { value: GoValueOf<T>; unknown: string[] } {
  checkForJson(input)
  if (!input.body || input.body.length === 0)
    throw new InputError('got EOF while reading request body: the request needs a JSON body')
  return decodeGo(type, input.body)
}

/** Notes for fields dockerd ignores, for the audit record. */
export function unknownNotes(unknown: readonly string[]): string[] {
  return unknown.length
    ? [
        `fields dockerd ignores were dropped: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', ...' : ''}`,
      ]
    : []
}
