import { GoJsonError, type GoJsonErrorReason, type PathSegment } from './error.js'
import { hashKey } from './key-hash.js'
import { unescapeString } from './unescape.js'

/** Maximum nesting of objects and arrays; deeper bodies are refused. */
export const MAX_DEPTH = 512

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39
}

function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''"
  if (c === 0x22) return `'"'`
  return `'${JSON.stringify(String.fromCharCode(c)).slice(1, -1)}'`
}

/**
 * A single-pass JSON scanner over a string with the grammar of Go's encoding/json scanner. It keeps
 * the position, the nesting depth and the path of the containers being read, for error messages.
 */
export class Scanner {
  readonly src: string
  pos = 0
  depth = 0
  /** Segments of the objects and arrays being read, outermost first. */
  readonly path: PathSegment[] = []
  /** Set by `scanNumber`: whether the literal had no fraction and no exponent. */
  integral = true
  /** Set by `readKey`: the key's `hashKey`. */
  keyHash = 0

  constructor(src: string) {
    this.src = src
  }

  fail(reason: GoJsonErrorReason, detail: string, leaf?: PathSegment): GoJsonError {
    const path = leaf === undefined ? this.path.slice() : [...this.path, leaf]
    return new GoJsonError(reason, path, detail, this.pos)
  }

  /** A syntax error for the character at `pos` (or the end of input). */
  unexpected(context: string): GoJsonError {
    if (this.pos >= this.src.length) return this.fail('syntax', 'unexpected end of JSON input')
    const c = quoteChar(this.src.charCodeAt(this.pos))
    return this.fail('syntax', `invalid character ${c} ${context} (offset ${this.pos})`)
  }

  /** Skips whitespace; returns the next character code, or -1 at the end. */
  peek(): number {
    const s = this.src
    const n = s.length
    let i = this.pos
    while (i < n) {
      const c = s.charCodeAt(i)
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++
      else {
        this.pos = i
        return c
      }
    }
    this.pos = n
    return -1
  }

  /** Consumes an opening bracket or brace. */
  enter(): void {
    this.pos++
    if (++this.depth > MAX_DEPTH) {
      throw this.fail('depth', `exceeds the maximum nesting depth of ${MAX_DEPTH} (offset ${this.pos - 1})`)
    }
  }

  /** Consumes the closing bracket or brace of an empty container if it is next. */
  closesEmpty(close: number): boolean {
    if (this.peek() !== close) return false
    this.pos++
    this.depth--
    return true
  }

  /** After a member or element: consumes `,` (true) or the closing `close` (false). */
  separator(close: number, context: string): boolean {
    const c = this.peek()
    if (c === 0x2c) {
      this.pos++
      return true
    }
    if (c === close) {
      this.pos++
      this.depth--
      return false
    }
    throw this.unexpected(context)
  }

  /** After an object key: consumes `:`. */
  colon(): void {
    if (this.peek() !== 0x3a) throw this.unexpected('after object key')
    this.pos++
  }

  /** Reads a string at `pos` (which holds `"`); `strict` refuses lone surrogate escapes. */
  readString(strict = true): string {
    const s = this.src
    const n = s.length
    const start = this.pos + 1
    for (let i = start; i < n; i++) {
      const c = s.charCodeAt(i)
      if (c === 0x22) {
        this.pos = i + 1
        return s.slice(start, i)
      }
      if (c === 0x5c) return this.readEscaped(start, i, strict)
      if (c < 0x20) {
        this.pos = i
        throw this.unexpected('in string literal')
      }
    }
    this.pos = n
    throw this.unexpected('in string literal')
  }

  /** Reads an object key at `pos` (which holds `"`), setting `keyHash` to its `hashKey`. */
  readKey(): string {
    const s = this.src
    const n = s.length
    const start = this.pos + 1
    let h = 0
    for (let i = start; i < n; i++) {
      const c = s.charCodeAt(i)
      if (c === 0x22) {
        this.pos = i + 1
        this.keyHash = h
        return s.slice(start, i)
      }
      if (c === 0x5c) {
        const key = this.readEscaped(start, i, true)
        this.keyHash = hashKey(key)
        return key
      }
      if (c < 0x20) {
        this.pos = i
        throw this.unexpected('in string literal')
      }
      h = (Math.imul(h, 31) + c) | 0
    }
    this.pos = n
    throw this.unexpected('in string literal')
  }

  private readEscaped(start: number, firstEscape: number, strict: boolean): string {
    const r = unescapeString(this.src, start, firstEscape, strict)
    if ('problem' in r) {
      this.pos = r.at
      if (r.problem === 'encoding') throw this.fail('encoding', `${r.detail} (offset ${r.at})`)
      throw this.unexpected(r.detail)
    }
    this.pos = r.end
    return r.text
  }

  /** Scans a number at `pos`; returns its start and sets `integral`. `pos` ends after it. */
  scanNumber(): number {
    const s = this.src
    const n = s.length
    const start = this.pos
    let i = start
    let c = s.charCodeAt(i)
    if (c === 0x2d) c = ++i < n ? s.charCodeAt(i) : -1
    if (c === 0x30) i++
    else if (c >= 0x31 && c <= 0x39) {
      i++
      while (i < n && isDigit(s.charCodeAt(i))) i++
    } else {
      this.pos = i
      throw this.unexpected('in numeric literal')
    }
    let integral = true
    if (i < n && s.charCodeAt(i) === 0x2e) {
      integral = false
      if (!(++i < n && isDigit(s.charCodeAt(i)))) {
        this.pos = i
        throw this.unexpected('after decimal point in numeric literal')
      }
      while (i < n && isDigit(s.charCodeAt(i))) i++
    }
    c = i < n ? s.charCodeAt(i) : -1
    if (c === 0x65 || c === 0x45) {
      integral = false
      c = ++i < n ? s.charCodeAt(i) : -1
      if (c === 0x2b || c === 0x2d) i++
      if (!(i < n && isDigit(s.charCodeAt(i)))) {
        this.pos = i
        throw this.unexpected('in exponent of numeric literal')
      }
      while (i < n && isDigit(s.charCodeAt(i))) i++
    }
    this.integral = integral
    this.pos = i
    return start
  }

  /** Consumes the literal `word` (true, false or null) at `pos`. */
  literal(word: string): void {
    const s = this.src
    for (let k = 1; k < word.length; k++) {
      if (s.charCodeAt(this.pos + k) !== word.charCodeAt(k)) {
        this.pos += k
        throw this.unexpected(`in literal ${word} (expecting '${word[k]}')`)
      }
    }
    this.pos += word.length
  }

  /** Skips one value, checking its syntax only (as Go does for ignored keys and elements). */
  skipValue(): void {
    const c = this.peek()
    if (c === 0x22) this.readString(false)
    else if (c === 0x7b) this.skipObject()
    else if (c === 0x5b) this.skipArray()
    else if (c === 0x74) this.literal('true')
    else if (c === 0x66) this.literal('false')
    else if (c === 0x6e) this.literal('null')
    else if (c === 0x2d || isDigit(c)) this.scanNumber()
    else throw this.unexpected('looking for beginning of value')
  }

  private skipObject(): void {
    this.enter()
    if (this.closesEmpty(0x7d)) return
    do {
      if (this.peek() !== 0x22) throw this.unexpected('looking for beginning of object key string')
      this.readString(false)
      this.colon()
      this.skipValue()
    } while (this.separator(0x7d, 'after object key:value pair'))
  }

  private skipArray(): void {
    this.enter()
    if (this.closesEmpty(0x5d)) return
    do this.skipValue()
    while (this.separator(0x5d, 'after array element'))
  }

  /** Checks that only whitespace follows the top-level value. */
  end(): void {
    if (this.peek() !== -1) throw this.unexpected('after top-level value')
  }
}
