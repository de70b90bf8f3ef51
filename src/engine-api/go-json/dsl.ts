/**
 * Constructors for type descriptors, written to read like the Go declarations they mirror.
 *
 * @example
 * const RestartPolicy = struct('container.RestartPolicy', [
 *   field('Name', string),
 *   field('MaximumRetryCount', int),
 * ])
 * const Resources = struct('container.Resources', [field('CpuShares', int64)])
 * const UpdateConfig = struct('container.UpdateConfig', [embed(Resources), field('RestartPolicy', RestartPolicy)])
 */
import type {
  AnyType,
  ArrayType,
  BoolType,
  BytesType,
  Embed,
  Field,
  FloatType,
  GoType,
  IntType,
  MapType,
  Member,
  PtrType,
  SliceType,
  StringType,
  StrSliceType,
  StructType,
  TextType,
} from './types.js'

function intType(name: string, signed: boolean, bits: 8 | 16 | 32 | 64): IntType {
  const span = 1n << BigInt(bits)
  const min = signed ? -(span / 2n) : 0n
  const max = signed ? span / 2n - 1n : span - 1n
  return { kind: 'int', name, signed, bits, min, max, minNumber: Number(min), maxNumber: Number(max) }
}

export const string: StringType = { kind: 'string', name: 'string' }
export const bool: BoolType = { kind: 'bool', name: 'bool' }
export const int8: IntType = intType('int8', true, 8)
export const int16: IntType = intType('int16', true, 16)
export const int32: IntType = intType('int32', true, 32)
export const int64: IntType = intType('int64', true, 64)
/** Go's `int` on the 64-bit platforms dockerd ships for (amd64, arm64). */
export const int: IntType = intType('int', true, 64)
export const uint8: IntType = intType('uint8', false, 8)
export const uint16: IntType = intType('uint16', false, 16)
export const uint32: IntType = intType('uint32', false, 32)
export const uint64: IntType = intType('uint64', false, 64)
/** Go's `uint` on 64-bit platforms. */
export const uint: IntType = intType('uint', false, 64)
export const float32: FloatType = { kind: 'float', name: 'float32', bits: 32 }
export const float64: FloatType = { kind: 'float', name: 'float64', bits: 64 }
/** `time.Duration`: an int64 of nanoseconds. */
export const duration: IntType = intType('time.Duration', true, 64)
/** `os.FileMode`: a uint32. */
export const fileMode: IntType = intType('os.FileMode', false, 32)
export const strslice: StrSliceType = { kind: 'strslice', name: 'strslice.StrSlice' }
export const bytes: BytesType = { kind: 'bytes', name: '[]uint8' }
export const any: AnyType = { kind: 'any', name: 'interface {}' }

/** A named string type, e.g. `named('container.NetworkMode')`; only the name in messages differs. */
export function named(name: string): StringType {
  return { kind: 'string', name }
}

/** A type with `UnmarshalText`; `canonical` validates and normalizes (throws on invalid text). */
export function text(name: string, canonical?: (text: string) => string): TextType {
  return { kind: 'text', name, canonical }
}

export function ptr<const E extends GoType>(elem: E): PtrType<E> {
  return { kind: 'ptr', name: `*${elem.name}`, elem }
}

export function slice<const E extends GoType>(elem: E): SliceType<E> {
  return { kind: 'slice', name: `[]${elem.name}`, elem }
}

export function array<const E extends GoType>(elem: E, length: number): ArrayType<E> {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`array length ${length}`)
  return { kind: 'array', name: `[${length}]${elem.name}`, elem, length }
}

/** `map[string]E`, or `map[K]E` for a text key type. */
export function map<const E extends GoType>(elem: E, key: StringType | TextType = string): MapType<E> {
  return { kind: 'map', name: `map[${key.name}]${elem.name}`, key, elem }
}

/**
 * A field named by its JSON name. `tagged: false` marks a name that came from the Go field name
 * rather than a json tag (`json:",omitempty"` or no tag); it only matters for Go's dominance rules.
 */
export function field<const N extends string, const T extends GoType>(
  name: N,
  type: T,
  options: { tagged?: boolean } = {},
): Field<N, T> {
  if (!/^[\x21-\x7e]+$/.test(name))
    throw new RangeError(`field name must be printable ASCII: ${JSON.stringify(name)}`)
  return { kind: 'field', name, type, tagged: options.tagged ?? true }
}

/** An embedded struct, `embed(Resources)` or `embed(ptr(Config))`: its fields are promoted. */
export function embed<const S extends StructType>(type: S | PtrType<S>): Embed<S> {
  if (type.kind === 'ptr') {
    if (type.elem.kind !== 'struct') throw new TypeError('embed() takes a struct or a pointer to a struct')
    return { kind: 'embed', struct: type.elem, pointer: true }
  }
  return { kind: 'embed', struct: type, pointer: false }
}

export function struct<const M extends readonly Member[]>(name: string, members: M): StructType<M> {
  return { kind: 'struct', name, members }
}
