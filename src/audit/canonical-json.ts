/**
 * Serializes a JSON value canonically: object keys sorted by UTF-16 code units, no white space,
 * strings and numbers exactly as `JSON.stringify` writes them (the RFC 8785 forms for the values
 * Airlock stores). Properties whose value is `undefined` are left out, as `JSON.stringify` does.
 * Throws a TypeError on anything JSON cannot represent faithfully: non-finite numbers, bigints,
 * functions, symbols, cycles, `undefined` in an array, objects that are not plain.
 *
 * Parsing the output and serializing it again gives the same text, so a record exported as JSON can
 * be re-hashed by anyone.
 *
 * @example canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set())
}

function write(value: unknown, ancestors: Set<object>): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value)
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`)
      return JSON.stringify(value)
    case 'object':
      return writeObject(value, ancestors)
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON`)
  }
}

function writeObject(value: object, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new TypeError('canonicalJson: cyclic value')
  ancestors.add(value)
  let out: string
  if (Array.isArray(value)) {
    out = `[${value.map((v) => (v === undefined ? undefinedInArray() : write(v, ancestors))).join(',')}]`
  } else {
    const proto = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`canonicalJson: a ${proto?.constructor?.name ?? 'non-plain'} object is not JSON`)
    }
    const rec = value as Record<string, unknown>
    const parts: string[] = []
    for (const key of Object.keys(rec).sort()) {
      if (rec[key] === undefined) continue
      parts.push(`${JSON.stringify(key)}:${write(rec[key], ancestors)}`)
    }
    out = `{${parts.join(',')}}`
  }
  ancestors.delete(value)
  return out
}

function undefinedInArray(): never {
  throw new TypeError('canonicalJson: undefined in an array is not JSON')
}
