import type { PathSegment } from './error.js'
import { parseGoFloat } from './numbers.js'
import { Scanner } from './scanner.js'
import type { GoAny } from './value.js'

/**
 * Decodes JSON into an `interface{}` as Go does (numbers as float64, objects as maps), refusing
 * duplicate keys, and tracks where a scalar being read sits (`leaf`) for type errors.
 */
export class AnyDecoder extends Scanner {
  /**
   * The segment of the scalar being read. Containers push their segment onto `path`; scalars
   * only set `leaf`, which type errors append. Syntax errors name the enclosing container.
   */
  leaf: PathSegment | undefined = undefined

  /** Decodes the value of an `interface{}` member or element named `segment`. */
  anyChild(segment: PathSegment): GoAny {
    const c = this.peek()
    if (c === 0x7b || c === 0x5b) {
      this.path.push(segment)
      const v = this.any(c)
      this.path.pop()
      return v
    }
    this.leaf = segment
    return this.any(c)
  }

  /** Decodes a generic value whose first character, `c`, has been peeked. */
  any(c: number): GoAny {
    switch (c) {
      case 0x22:
        return this.readString()
      case 0x74:
        this.literal('true')
        return true
      case 0x66:
        this.literal('false')
        return false
      case 0x6e:
        this.literal('null')
        return null
      case 0x7b:
        return this.anyObject()
      case 0x5b:
        return this.anyArray()
    }
    if (c !== 0x2d && !(c >= 0x30 && c <= 0x39)) throw this.unexpected('looking for beginning of value')
    const start = this.scanNumber()
    const literal = this.src.slice(start, this.pos)
    const v = parseGoFloat(literal, 64)
    if (v === undefined) throw this.fail('type', `cannot decode number ${literal} into float64`, this.leaf)
    return v
  }

  private anyObject(): Map<string, GoAny> {
    const out = new Map<string, GoAny>()
    this.enter()
    if (this.closesEmpty(0x7d)) return out
    do {
      if (this.peek() !== 0x22) throw this.unexpected('looking for beginning of object key string')
      const key = this.readString()
      this.colon()
      if (out.has(key)) throw this.fail('duplicate', `duplicate key ${JSON.stringify(key)}`)
      out.set(key, this.anyChild(key))
    } while (this.separator(0x7d, 'after object key:value pair'))
    return out
  }

  private anyArray(): GoAny[] {
    const out: GoAny[] = []
    this.enter()
    if (this.closesEmpty(0x5d)) return out
    do out.push(this.anyChild(out.length))
    while (this.separator(0x5d, 'after array element'))
    return out
  }
}
