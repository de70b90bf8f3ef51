import fc from 'fast-check'
import {
  encodeGo,
  fieldTable,
  type GoAny,
  type GoType,
  type GoValue,
} from '../../../../src/engine-api/go-json/index.js'

/** Options for `goValue`. */
export interface ValueOptions {
  /** Keep integers within ±2^53, so that JSON.parse reads them exactly. */
  safeInts?: boolean
}

const text = fc.string({ unit: 'binary', maxLength: 12 })
const portKey = fc
  .tuple(fc.integer({ min: 0, max: 65535 }), fc.constantFrom('', '/tcp', '/udp', '/sctp'))
  .map(([n, p]) => `${n}${p}`)

const anyValue: fc.Arbitrary<GoAny> = fc.letrec<{ v: GoAny }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    text,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.uniqueArray(fc.tuple(text, tie('v')), { maxLength: 3, selector: ([k]) => k }).map((e) => new Map(e)),
  ),
})).v

function nilable(type: GoType): boolean {
  const k = type.kind
  return k === 'ptr' || k === 'slice' || k === 'map' || k === 'strslice' || k === 'bytes' || k === 'any'
}

function element(type: GoType, opts: ValueOptions): fc.Arbitrary<GoValue> {
  const v = goValue(type, opts)
  return nilable(type)
    ? fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: v })
    : v
}

/**
 * Values in the form `decodeGo` returns for `type`: canonical, so that encoding and decoding them
 * gives them back exactly.
 */
export function goValue(type: GoType, opts: ValueOptions = {}): fc.Arbitrary<GoValue> {
  switch (type.kind) {
    case 'string':
      return text
    case 'text':
      return type.canonical === undefined ? text : portKey
    case 'bool':
      return fc.boolean()
    case 'int': {
      const safe = 2n ** 53n
      const min = opts.safeInts && type.min < -safe ? -safe : type.min
      const max = opts.safeInts && type.max > safe ? safe : type.max
      return fc.bigInt({ min, max })
    }
    case 'float':
      return type.bits === 64
        ? fc.double({ noNaN: true, noDefaultInfinity: true })
        : fc.float({ noNaN: true, noDefaultInfinity: true })
    case 'strslice':
      return fc.array(text, { maxLength: 3 })
    case 'bytes':
      return fc.uint8Array({ maxLength: 8 })
    case 'any':
      return anyValue
    case 'ptr':
      return goValue(type.elem, opts)
    case 'slice':
      return fc.array(element(type.elem, opts), { maxLength: 3 })
    case 'array':
      return fc.array(element(type.elem, opts), { minLength: type.length, maxLength: type.length })
    case 'map': {
      const key = type.key.kind === 'text' && type.key.canonical !== undefined ? portKey : text
      const canonical = type.key.kind === 'text' ? type.key.canonical : undefined
      return fc
        .uniqueArray(fc.tuple(key, element(type.elem, opts)), {
          maxLength: 3,
          selector: ([k]) => (canonical ? canonical(k) : k),
        })
        .map((entries) => new Map(entries))
    }
    case 'struct': {
      const shape: Record<string, fc.Arbitrary<GoValue>> = {}
      for (const f of fieldTable(type).fields) {
        // A nil interface field is absent, never null.
        shape[f.name] = goValue(f.type, opts).filter((v) => v !== null)
      }
      return fc.record(shape, { requiredKeys: [] }).map((r) => Object.assign(Object.create(null), r))
    }
  }
}

/** A value as JSON.parse would return it for its JSON text (bigints within ±2^53). */
export function toPlain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v)
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64')
  if (Array.isArray(v)) return v.map(toPlain)
  if (v === null || typeof v !== 'object') return v
  const entries = v instanceof Map ? [...v] : Object.entries(v)
  const out: Record<string, unknown> = {}
  for (const [k, x] of entries)
    Object.defineProperty(out, k, { value: toPlain(x), enumerable: true, writable: true, configurable: true })
  return out
}

const MANGLE: Record<string, string[]> = { S: ['\u017f'], K: ['\u212a'], I: ['\u0131', '\u0130'] }

function mangleName(name: string, random: () => number): string {
  let out = ''
  for (const ch of name) {
    const up = ch.toUpperCase()
    const r = random()
    if (MANGLE[up] && r < 0.3) out += MANGLE[up]![Math.floor(random() * MANGLE[up]!.length)]
    else out += r < 0.65 ? ch.toLowerCase() : up
  }
  return out
}

/**
 * The JSON text of `value` with every struct field name randomly re-cased, with the runes Go folds
 * onto s, k and i substituted now and then. Map keys and values are left alone.
 */
export function mangledJson(type: GoType, value: unknown, random: () => number): string {
  if (value === null) return 'null'
  switch (type.kind) {
    case 'ptr':
      return mangledJson(type.elem, value, random)
    case 'slice':
    case 'array':
      return `[${(value as unknown[]).map((x) => mangledJson(type.elem, x, random)).join(',')}]`
    case 'map':
      return `{${[...(value as Map<string, unknown>)]
        .map(([k, x]) => `${JSON.stringify(k)}:${mangledJson(type.elem, x, random)}`)
        .join(',')}}`
    case 'struct': {
      const parts: string[] = []
      for (const f of fieldTable(type).fields) {
        const x = (value as Record<string, unknown>)[f.name]
        if (x !== undefined)
          parts.push(`${JSON.stringify(mangleName(f.name, random))}:${mangledJson(f.type, x, random)}`)
      }
      return `{${parts.join(',')}}`
    }
    default:
      return encodeGo(type, value as never)
  }
}

/** A small deterministic PRNG for `mangledJson`. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1
  return () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 2 ** 32
  }
}
