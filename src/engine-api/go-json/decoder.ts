import { AnyDecoder } from './any-decoder.js'
import { decodeGoBase64 } from './base64.js'
import { formatPath, type PathSegment } from './error.js'
import { fieldTable, findExact } from './field-table.js'
import { foldKey } from './fold.js'
import { parseGoFloat, parseGoInt } from './numbers.js'
import type { ArrayType, GoType, IntType, MapType, SliceType, StructType, TextType } from './types.js'
import type { GoStruct, GoValue } from './value.js'
import { zeroValue } from './zero.js'

/** Numbers each struct object decoded, for the duplicate-field stamps of its field table. */
let objectSerial = 0

const QUOTE = 0x22
const LBRACE = 0x7b
const RBRACE = 0x7d
const LBRACKET = 0x5b
const RBRACKET = 0x5d

function isNumberStart(c: number): boolean {
  return c === 0x2d || (c >= 0x30 && c <= 0x39)
}

const UINT8: IntType = {
  kind: 'int',
  name: 'uint8',
  signed: false,
  bits: 8,
  min: 0n,
  max: 255n,
  minNumber: 0,
  maxNumber: 255,
}
const STRINGS: SliceType = { kind: 'slice', name: '[]string', elem: { kind: 'string', name: 'string' } }
const OCTETS: SliceType = { kind: 'slice', name: '[]uint8', elem: UINT8 }

/**
 * Decodes values with the semantics of Go's encoding/json for a type descriptor, in the same pass
 * that checks the syntax. `value` returns `undefined` where Go leaves the target untouched (`null`).
 */
export class Decoder extends AnyDecoder {
  /** Input Go ignores, as formatted paths (see `Decoded.unknown`). */
  readonly unknown: string[] = []

  /** Decodes the value of a member or element named `segment`. */
  child(segment: PathSegment, type: GoType): GoValue | undefined {
    const c = this.peek()
    if (c === LBRACE || c === LBRACKET) {
      this.path.push(segment)
      const v = this.value(type, c)
      this.path.pop()
      return v
    }
    this.leaf = segment
    return this.value(type, c)
  }

  /** Decodes a value of `type` whose first character, `c`, has been peeked. */
  value(type: GoType, c: number): GoValue | undefined {
    if (c === 0x6e) {
      this.literal('null')
      return undefined
    }
    switch (type.kind) {
      case 'string':
        if (c !== QUOTE) throw this.mismatch(c, type)
        return this.readString()
      case 'int':
        if (!isNumberStart(c)) throw this.mismatch(c, type)
        return this.int(type)
      case 'bool':
        if (c === 0x74) {
          this.literal('true')
          return true
        }
        if (c !== 0x66) throw this.mismatch(c, type)
        this.literal('false')
        return false
      case 'struct':
        if (c !== LBRACE) throw this.mismatch(c, type)
        return this.struct(type)
      case 'slice':
        if (c !== LBRACKET) throw this.mismatch(c, type)
        return this.slice(type)
      case 'ptr':
        return this.value(type.elem, c)
      case 'map':
        if (c !== LBRACE) throw this.mismatch(c, type)
        return this.map(type)
      case 'text':
        if (c !== QUOTE) throw this.mismatch(c, type)
        return this.text(type)
      case 'strslice':
        if (c === QUOTE) return [this.readString()]
        if (c !== LBRACKET) throw this.mismatch(c, type)
        return this.slice(STRINGS)
      case 'array':
        if (c !== LBRACKET) throw this.mismatch(c, type)
        return this.array(type)
      case 'float':
        if (!isNumberStart(c)) throw this.mismatch(c, type)
        return this.float(type.bits, type.name)
      case 'bytes':
        return this.bytes(c)
      case 'any':
        return this.any(c)
    }
  }

  /** The type error for a value starting with `c`, or the syntax error if `c` starts no value. */
  private mismatch(c: number, type: GoType): Error {
    let what: string
    if (c === QUOTE) what = 'string'
    else if (c === LBRACE) what = 'object'
    else if (c === LBRACKET) what = 'array'
    else if (c === 0x74 || c === 0x66) what = 'bool'
    else if (isNumberStart(c)) {
      const start = this.scanNumber()
      what = `number ${this.src.slice(start, this.pos)}`
    } else return this.unexpected('looking for beginning of value')
    const leaf = c === LBRACE || c === LBRACKET ? undefined : this.leaf
    return this.fail('type', `cannot decode ${what} into ${type.name}`, leaf)
  }

  private int(type: IntType): bigint {
    const s = this.src
    const start = this.scanNumber()
    const end = this.pos
    const negative = s.charCodeAt(start) === 0x2d
    if (this.integral && end - start <= 15 && (type.signed || !negative)) {
      let n = 0
      for (let i = negative ? start + 1 : start; i < end; i++) n = n * 10 + (s.charCodeAt(i) - 0x30)
      if (negative) n = -n
      if (n >= type.minNumber && n <= type.maxNumber) return n === 0 ? 0n : BigInt(n)
    }
    const literal = s.slice(start, end)
    const v = this.integral ? parseGoInt(literal, type) : undefined
    if (v === undefined)
      throw this.fail('type', `cannot decode number ${literal} into ${type.name}`, this.leaf)
    return v
  }

  private float(bits: 32 | 64, name: string): number {
    const start = this.scanNumber()
    const literal = this.src.slice(start, this.pos)
    const v = parseGoFloat(literal, bits)
    if (v === undefined) throw this.fail('type', `cannot decode number ${literal} into ${name}`, this.leaf)
    return v
  }

  private text(type: TextType): string {
    const s = this.readString()
    if (type.canonical !== undefined) this.canonical(type, s, this.leaf)
    return s
  }

  private canonical(type: TextType, s: string, leaf: PathSegment | undefined): string {
    try {
      return type.canonical!(s)
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err)
      throw this.fail('type', `cannot decode ${JSON.stringify(s)} into ${type.name}: ${why}`, leaf)
    }
  }

  private bytes(c: number): Uint8Array {
    if (c === LBRACKET) return Uint8Array.from(this.slice(OCTETS) as bigint[], Number)
    if (c !== QUOTE) throw this.mismatch(c, OCTETS)
    const data = decodeGoBase64(this.readString())
    if (data === undefined)
      throw this.fail('type', 'cannot decode string into []uint8: illegal base64 data', this.leaf)
    return data
  }

  private struct(type: StructType): GoStruct {
    const table = fieldTable(type)
    const out: GoStruct = Object.create(null)
    this.enter()
    if (this.closesEmpty(RBRACE)) return out
    const serial = ++objectSerial
    const stamps = table.recursive ? new Float64Array(table.fields.length) : table.stamps
    do {
      if (this.peek() !== QUOTE) throw this.unexpected('looking for beginning of object key string')
      const key = this.readKey()
      let f = findExact(table, key, this.keyHash)
      if (f === undefined) {
        const folded = foldKey(key)
        if (folded !== undefined) f = table.folded.get(folded)
      }
      this.colon()
      if (f === undefined) {
        this.unknown.push(formatPath(this.path, key))
        this.skipValue()
        continue
      }
      if (stamps[f.slot] === serial) {
        throw this.fail('duplicate', `duplicate key ${JSON.stringify(key)} for field ${f.name}`)
      }
      stamps[f.slot] = serial
      const v = this.child(f.name, f.type)
      if (v !== undefined) out[f.name] = v
    } while (this.separator(RBRACE, 'after object key:value pair'))
    return out
  }

  private slice(type: SliceType): GoValue[] {
    const out: GoValue[] = []
    this.enter()
    if (this.closesEmpty(RBRACKET)) return out
    const elem = type.elem
    do {
      const v = this.child(out.length, elem)
      out.push(v === undefined ? zeroValue(elem) : v)
    } while (this.separator(RBRACKET, 'after array element'))
    return out
  }

  private array(type: ArrayType): GoValue[] {
    const out: GoValue[] = []
    this.enter()
    if (!this.closesEmpty(RBRACKET)) {
      let i = 0
      do {
        if (i < type.length) {
          const v = this.child(i, type.elem)
          out.push(v === undefined ? zeroValue(type.elem) : v)
        } else {
          this.unknown.push(formatPath(this.path, i))
          this.skipValue()
        }
        i++
      } while (this.separator(RBRACKET, 'after array element'))
    }
    while (out.length < type.length) out.push(zeroValue(type.elem))
    return out
  }

  private map(type: MapType): Map<string, GoValue> {
    const out = new Map<string, GoValue>()
    this.enter()
    if (this.closesEmpty(RBRACE)) return out
    const keyType = type.key.kind === 'text' && type.key.canonical !== undefined ? type.key : undefined
    const canonicalKeys = new Map<string, string>()
    do {
      if (this.peek() !== QUOTE) throw this.unexpected('looking for beginning of object key string')
      const key = this.readString()
      this.colon()
      if (out.has(key)) throw this.fail('duplicate', `duplicate key ${JSON.stringify(key)}`)
      if (keyType !== undefined) {
        const canon = this.canonical(keyType, key, key)
        const first = canonicalKeys.get(canon)
        if (first !== undefined) {
          const which = `${JSON.stringify(first)} and ${JSON.stringify(key)}`
          throw this.fail('duplicate', `keys ${which} are the same ${keyType.name}`)
        }
        canonicalKeys.set(canon, key)
      }
      const v = this.child(key, type.elem)
      out.set(key, v === undefined ? zeroValue(type.elem) : v)
    } while (this.separator(RBRACE, 'after object key:value pair'))
    return out
  }
}
