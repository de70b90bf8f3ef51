import { AmbiguousRequestError } from '../../errors.js'

/** A step into a JSON value: an object key (canonical field name or map key) or an array index. */
export type PathSegment = string | number

/** Why a body was refused. */
export type GoJsonErrorReason = 'syntax' | 'type' | 'duplicate' | 'encoding' | 'depth'

/**
 * A body Airlock refuses to interpret: not JSON as Go reads it, not the type dockerd expects, or
 * open to more than one reading (duplicate keys, lone surrogates).
 *
 * @example
 * try {
 *   decodeGo(CreateRequest, body)
 * } catch (err) {
 *   if (err instanceof GoJsonError) console.log(err.reason, err.path, err.message)
 *   // 'type' ['HostConfig', 'CapAdd', 2] 'HostConfig.CapAdd[2]: cannot decode number into string'
 * }
 */
export class GoJsonError extends AmbiguousRequestError {
  readonly path: PathSegment[]
  readonly reason: GoJsonErrorReason
  /** Offset in the decoded text (UTF-16 code units) where the problem was found; -1 if unknown. */
  readonly offset: number

  constructor(reason: GoJsonErrorReason, path: PathSegment[], detail: string, offset = -1) {
    const where = formatPath(path)
    super(where === '' ? detail : `${where}: ${detail}`)
    this.name = 'GoJsonError'
    this.reason = reason
    this.path = path
    this.offset = offset
  }
}

function isPlainSegment(s: string): boolean {
  if (s.length === 0) return false
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c <= 0x20 || c === 0x2e || c === 0x5b || c === 0x5d || c === 0x22 || c === 0x5c || c === 0x7f) {
      return false
    }
  }
  return true
}

/**
 * Formats a path in dotted form: `HostConfig.CapAdd[2]`. A key that is empty or contains a dot,
 * bracket, quote, backslash, space or control character is written as a quoted index
 * (`Labels["a.b"]`), so the form is unambiguous.
 *
 * @example
 * formatPath(['HostConfig', 'CapAdd', 2]) // 'HostConfig.CapAdd[2]'
 * formatPath(['Labels', 'com.example']) // 'Labels["com.example"]'
 */
export function formatPath(path: readonly PathSegment[], leaf?: PathSegment): string {
  let out = ''
  const n = leaf === undefined ? path.length : path.length + 1
  for (let i = 0; i < n; i++) {
    const seg = i < path.length ? path[i]! : leaf!
    if (typeof seg === 'number') out += `[${seg}]`
    else if (!isPlainSegment(seg)) out += `[${JSON.stringify(seg)}]`
    else out += out === '' ? seg : `.${seg}`
  }
  return out
}
