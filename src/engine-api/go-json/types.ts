/**
 * Type descriptors: a runtime description of the Go types dockerd decodes request bodies into. Build
 * them with the constructors in `dsl.ts`; `decodeGo` and `encodeGo` are driven by them.
 */

/** A Go string (or a named string type such as `container.NetworkMode`). */
export interface StringType {
  readonly kind: 'string'
  readonly name: string
}

/** A Go bool. */
export interface BoolType {
  readonly kind: 'bool'
  readonly name: string
}

/** A Go integer kind, decoded with `strconv.ParseInt`/`ParseUint` and range-checked for its size. */
export interface IntType {
  readonly kind: 'int'
  readonly name: string
  readonly signed: boolean
  readonly bits: 8 | 16 | 32 | 64
  readonly min: bigint
  readonly max: bigint
  /** `min` and `max` as numbers, for checking small literals without BigInt arithmetic. */
  readonly minNumber: number
  readonly maxNumber: number
}

/** A Go float32 or float64, decoded with `strconv.ParseFloat`. */
export interface FloatType {
  readonly kind: 'float'
  readonly name: string
  readonly bits: 32 | 64
}

/**
 * A Go type that decodes from a JSON string through `UnmarshalText` (netip.Addr, network.Port, ...).
 * `canonical` validates the text and returns its normalized form (used to find map keys that the
 * daemon folds into one); it throws an `Error` whose message says why the text is invalid.
 */
export interface TextType {
  readonly kind: 'text'
  readonly name: string
  readonly canonical: ((text: string) => string) | undefined
}

/** `strslice.StrSlice` of dockerd 20.10: a JSON string is a one-element list. */
export interface StrSliceType {
  readonly kind: 'strslice'
  readonly name: string
}

/** A Go `[]byte`: a base64 string (or an array of bytes) in JSON. */
export interface BytesType {
  readonly kind: 'bytes'
  readonly name: string
}

/** A Go `interface{}`: any JSON value, numbers as float64, objects as maps. */
export interface AnyType {
  readonly kind: 'any'
  readonly name: string
}

/** A Go pointer. Transparent in the value representation; `null` makes it nil. */
export interface PtrType<E extends GoType = GoType> {
  readonly kind: 'ptr'
  readonly name: string
  readonly elem: E
}

/** A Go slice. */
export interface SliceType<E extends GoType = GoType> {
  readonly kind: 'slice'
  readonly name: string
  readonly elem: E
}

/** A Go array of fixed length, such as `[2]uint`. */
export interface ArrayType<E extends GoType = GoType> {
  readonly kind: 'array'
  readonly name: string
  readonly elem: E
  readonly length: number
}

/** A Go map with string keys, or keys of a type with `UnmarshalText`. */
export interface MapType<E extends GoType = GoType> {
  readonly kind: 'map'
  readonly name: string
  readonly key: StringType | TextType
  readonly elem: E
}

/** A named struct field; `name` is its JSON name, `tagged` whether the name came from a json tag. */
export interface Field<N extends string = string, T extends GoType = GoType> {
  readonly kind: 'field'
  readonly name: N
  readonly type: T
  readonly tagged: boolean
}

/** An embedded (anonymous) struct field, by value or by pointer, whose fields Go promotes. */
export interface Embed<S extends StructType = StructType> {
  readonly kind: 'embed'
  readonly struct: S
  readonly pointer: boolean
}

/** A struct member in Go declaration order. */
export type Member = Field | Embed

/** A Go struct. */
export interface StructType<M extends readonly Member[] = readonly Member[]> {
  readonly kind: 'struct'
  readonly name: string
  readonly members: M
}

/** Any type descriptor. */
export type GoType =
  | StringType
  | BoolType
  | IntType
  | FloatType
  | TextType
  | StrSliceType
  | BytesType
  | AnyType
  | PtrType
  | SliceType
  | ArrayType
  | MapType
  | StructType
