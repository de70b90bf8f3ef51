import { encodeGoBase64 } from './base64.js'
import { GoJsonError, type GoJsonErrorReason, type PathSegment } from './error.js'
import { fieldTable } from './field-table.js'
import { formatFloat, quoteJson } from './format.js'
import type { GoType, StructType } from './types.js'
import { type GoValueOf, isGoStruct } from './value.js'

/**
 * The path of the value being encoded, or `undefined` on the fast first attempt: a problem then
 * aborts with `RETRY`, and a second attempt that tracks the path reports it.
 */
type Path = PathSegment[] | undefined

const RETRY = Symbol('retry with path')

function problem(path: Path, reason: GoJsonErrorReason, detail: string): never {
  if (path === undefined) throw RETRY
  throw new GoJsonError(reason, path.slice(), detail)
}

function wrong(path: Path, type: GoType, v: unknown): never {
  const what = v === null ? 'null' : Array.isArray(v) ? 'array' : v instanceof Map ? 'Map' : typeof v
  return problem(path, 'type', `cannot encode ${what} as ${type.name}`)
}

function quote(s: string, path: Path): string {
  return quoteJson(s) ?? problem(path, 'encoding', 'lone surrogate in string')
}

function checkText(
  canonical: ((s: string) => string) | undefined,
  s: string,
  name: string,
  path: Path,
): void {
  if (canonical === undefined) return
  try {
    canonical(s)
  } catch (err) {
    problem(path, 'type', `cannot encode ${JSON.stringify(s)} as ${name}: ${(err as Error).message}`)
  }
}

function encodeStruct(type: StructType, v: unknown, path: Path): string {
  if (!isGoStruct(v)) return wrong(path, type, v)
  const table = fieldTable(type)
  for (const key of Object.keys(v)) {
    if (!table.exact.has(key)) problem(path, 'type', `${type.name} has no field ${JSON.stringify(key)}`)
  }
  let out = '{'
  for (const f of table.fields) {
    const fv = v[f.name]
    if (fv === undefined || fv === null) continue
    path?.push(f.name)
    out += `${out.length > 1 ? ',' : ''}"${f.name}":${encodeValue(f.type, fv, path, false)}`
    path?.pop()
  }
  return `${out}}`
}

function encodeList(elem: GoType, v: unknown[], path: Path): string {
  let out = '['
  for (let i = 0; i < v.length; i++) {
    path?.push(i)
    out += (i > 0 ? ',' : '') + encodeValue(elem, v[i], path, true)
    path?.pop()
  }
  return `${out}]`
}

function encodeMap(
  elem: GoType,
  v: Map<unknown, unknown>,
  path: Path,
  check?: (key: string) => void,
): string {
  let out = '{'
  for (const [k, ev] of v) {
    if (typeof k !== 'string') problem(path, 'type', 'map keys must be strings')
    check?.(k)
    path?.push(k)
    out += `${out.length > 1 ? ',' : ''}${quote(k, path)}:${encodeValue(elem, ev, path, true)}`
    path?.pop()
  }
  return `${out}}`
}

const ANY: GoType = { kind: 'any', name: 'interface {}' }
const STRING: GoType = { kind: 'string', name: 'string' }

function encodeAny(v: unknown, path: Path): string {
  if (v === null) return 'null'
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false'
    case 'number':
      return formatFloat(v, 64) ?? problem(path, 'type', `unsupported value ${v}`)
    case 'string':
      return quote(v, path)
  }
  if (Array.isArray(v)) return encodeList(ANY, v, path)
  if (v instanceof Map) return encodeMap(ANY, v, path)
  return wrong(path, ANY, v)
}

function encodeValue(type: GoType, v: unknown, path: Path, element: boolean): string {
  if (v === null) {
    const k = type.kind
    const nil =
      k === 'ptr' || k === 'slice' || k === 'map' || k === 'strslice' || k === 'bytes' || k === 'any'
    return element && nil ? 'null' : wrong(path, type, v)
  }
  switch (type.kind) {
    case 'string':
      return typeof v === 'string' ? quote(v, path) : wrong(path, type, v)
    case 'int':
      if (typeof v !== 'bigint') return wrong(path, type, v)
      if (v < type.min || v > type.max) problem(path, 'type', `${v} overflows ${type.name}`)
      return String(v)
    case 'bool':
      return typeof v === 'boolean' ? (v ? 'true' : 'false') : wrong(path, type, v)
    case 'struct':
      return encodeStruct(type, v, path)
    case 'ptr':
      return encodeValue(type.elem, v, path, false)
    case 'slice':
      return Array.isArray(v) ? encodeList(type.elem, v, path) : wrong(path, type, v)
    case 'strslice':
      return Array.isArray(v) ? encodeList(STRING, v, path) : wrong(path, type, v)
    case 'array':
      return Array.isArray(v) && v.length === type.length
        ? encodeList(type.elem, v, path)
        : wrong(path, type, v)
    case 'map': {
      if (!(v instanceof Map)) return wrong(path, type, v)
      const key = type.key
      const canonical = key.kind === 'text' ? key.canonical : undefined
      return encodeMap(type.elem, v, path, canonical && ((k) => checkText(canonical, k, key.name, path)))
    }
    case 'text':
      if (typeof v !== 'string') return wrong(path, type, v)
      checkText(type.canonical, v, type.name, path)
      return quote(v, path)
    case 'float':
      if (typeof v !== 'number') return wrong(path, type, v)
      return formatFloat(v, type.bits) ?? problem(path, 'type', `${v} is not a ${type.name} value`)
    case 'bytes':
      return v instanceof Uint8Array ? `"${encodeGoBase64(v)}"` : wrong(path, type, v)
    case 'any':
      return encodeAny(v, path)
  }
}

/**
 * The canonical JSON for a decoded value: struct fields in Go's order under their exact JSON names,
 * each once, absent (or null) fields omitted; maps in insertion order; integers in decimal; floats in
 * shortest round-trip form. Go decodes the result into exactly `value`, so forwarding it makes
 * dockerd act on what was decided on. Throws a `GoJsonError` for a value that does not fit `type`.
 *
 * @example
 * encodeGo(RestartPolicy, { Name: 'always', MaximumRetryCount: 0n })
 * // '{"Name":"always","MaximumRetryCount":0}'
 */
export function encodeGo<const T extends GoType>(type: T, value: GoValueOf<T>): string {
  try {
    return encodeValue(type, value, undefined, true)
  } catch (err) {
    if (err !== RETRY) throw err
    return encodeValue(type, value, [], true)
  }
}
