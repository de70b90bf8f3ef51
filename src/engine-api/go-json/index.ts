/**
 * Go-compatible JSON: decode request bodies exactly as dockerd's encoding/json would (or refuse
 * them), and re-encode the decoded value canonically for forwarding.
 */
export { type Decoded, decodeGo } from './decode.js'
export {
  any,
  array,
  bool,
  bytes,
  duration,
  embed,
  field,
  fileMode,
  float32,
  float64,
  int,
  int8,
  int16,
  int32,
  int64,
  map,
  named,
  ptr,
  slice,
  string,
  strslice,
  struct,
  text,
  uint,
  uint8,
  uint16,
  uint32,
  uint64,
} from './dsl.js'
export { encodeGo } from './encode.js'
export { formatPath, GoJsonError, type GoJsonErrorReason, type PathSegment } from './error.js'
export { type FieldTable, fieldTable, lookupField, type VisibleField } from './field-table.js'
export { foldKey } from './fold.js'
export type * from './types.js'
export type { ElemValueOf, GoAny, GoStruct, GoValue, GoValueOf, StructValueOf } from './value.js'
export { isGoStruct } from './value.js'
export { zeroValue } from './zero.js'
