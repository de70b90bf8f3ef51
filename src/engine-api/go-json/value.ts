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

/**
 * A decoded struct: an object with a null prototype whose keys are the canonical JSON names of the
 * fields present in the body (promoted fields of embedded structs appear flat, as Go encodes them).
 */
export interface GoStruct {
  [field: string]: GoValue
}

/** The value of an `interface{}`: generic JSON with numbers as float64 and objects as maps. */
export type GoAny = null | boolean | number | string | GoAny[] | Map<string, GoAny>

/**
 * Any decoded value. Integers are `bigint`, floats `number`, `[]byte` a `Uint8Array`, maps `Map`,
 * slices and arrays JS arrays, structs `GoStruct`. `null` is a nil pointer, slice, map or interface
 * inside a slice, array or map; a nil struct field is simply absent.
 */
export type GoValue =
  | null
  | boolean
  | bigint
  | number
  | string
  | Uint8Array
  | GoValue[]
  | Map<string, GoValue>
  | GoStruct

/** Types whose zero value is nil, written `null` where a value must stand (slice, array, map). */
export type NilableType = PtrType | SliceType | MapType | StrSliceType | BytesType | AnyType

type FieldsOf<M extends readonly Member[]> = MemberFields<M[number]>
type MemberFields<X> = X extends Field
  ? X
  : X extends Embed<infer S>
    ? readonly Member[] extends S['members']
      ? never
      : FieldsOf<S['members']>
    : never

/** The value of a struct type: every field optional (absent = not in the body, or null). */
export type StructValueOf<M extends readonly Member[]> = readonly Member[] extends M
  ? GoStruct
  : { [F in FieldsOf<M> as F['name']]?: GoValueOf<F['type']> }

/** The value of a type where it stands as an element: nilable types may be `null`. */
export type ElemValueOf<T> = GoType extends T
  ? GoValue
  : T extends NilableType
    ? GoValueOf<T> | null
    : GoValueOf<T>

/**
 * The TypeScript type of the value `decodeGo` returns for a descriptor. Promotion through embedded
 * structs is flattened; Go's dominance rules (conflicting promoted names) are not modelled here.
 */
export type GoValueOf<T> = GoType extends T
  ? GoValue
  : T extends StringType | TextType
    ? string
    : T extends BoolType
      ? boolean
      : T extends IntType
        ? bigint
        : T extends FloatType
          ? number
          : T extends StrSliceType
            ? string[]
            : T extends BytesType
              ? Uint8Array
              : T extends AnyType
                ? GoAny
                : T extends PtrType<infer E>
                  ? GoValueOf<E>
                  : T extends SliceType<infer E> | ArrayType<infer E>
                    ? ElemValueOf<E>[]
                    : T extends MapType<infer E>
                      ? Map<string, ElemValueOf<E>>
                      : T extends StructType<infer M>
                        ? StructValueOf<M>
                        : T extends GoType
                          ? GoValue
                          : never

/** True for a decoded struct value (a plain or null-prototype object, not a Map or array). */
export function isGoStruct(v: unknown): v is GoStruct {
  if (
    typeof v !== 'object' ||
    v === null ||
    Array.isArray(v) ||
    v instanceof Map ||
    v instanceof Uint8Array
  ) {
    return false
  }
  const proto = Object.getPrototypeOf(v)
  return proto === null || proto === Object.prototype
}
