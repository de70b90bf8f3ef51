/**
 * Number literals as Go's strconv reads them. The literal has already passed the JSON grammar.
 */
import type { IntType } from './types.js'

/**
 * `strconv.ParseInt`/`ParseUint` (base 10) plus the range check for the kind; `undefined` when Go
 * refuses the literal: a fraction or exponent, a sign on an unsigned kind (even `-0`), or overflow.
 *
 * @example
 * parseGoInt('-0', int64) // 0n
 * parseGoInt('1e3', int64) // undefined
 * parseGoInt('256', uint8) // undefined
 */
export function parseGoInt(literal: string, type: IntType): bigint | undefined {
  const negative = literal.charCodeAt(0) === 0x2d
  if (negative && !type.signed) return undefined
  const start = negative ? 1 : 0
  const digits = literal.length - start
  if (digits > 20) return undefined
  for (let i = start; i < literal.length; i++) {
    const c = literal.charCodeAt(i)
    if (c < 0x30 || c > 0x39) return undefined
  }
  let value: bigint
  if (digits <= 15) {
    let n = 0
    for (let i = start; i < literal.length; i++) n = n * 10 + (literal.charCodeAt(i) - 0x30)
    value = BigInt(negative ? -n : n)
  } else {
    value = BigInt(literal)
  }
  return value < type.min || value > type.max ? undefined : value
}

const f32 = new Float32Array(1)
const u32 = new Uint32Array(f32.buffer)

function nextFloat32Up(x: number): number {
  if (x === 0) return 2 ** -149
  f32[0] = x
  u32[0] = x > 0 ? u32[0]! + 1 : u32[0]! - 1
  return f32[0]!
}

/** -1, 0 or 1 as the exact decimal `literal` is below, equal to or above the double `d`. */
function compareExact(literal: string, d: number): number {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal)!
  const sign = m[1] === '-' ? -1n : 1n
  let mant = BigInt((m[2] ?? '') + (m[3] ?? '')) * sign
  const exp10 = Number(m[4] ?? '0') - (m[3]?.length ?? 0)
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, d)
  const bits = view.getBigUint64(0)
  const rawExp = Number((bits >> 52n) & 0x7ffn)
  let frac = bits & ((1n << 52n) - 1n)
  if (rawExp !== 0) frac |= 1n << 52n
  let dm = frac * (d < 0 ? -1n : 1n)
  const exp2 = (rawExp === 0 ? 1 : rawExp) - 1075
  if (exp10 >= 0) mant *= 10n ** BigInt(exp10)
  else dm *= 10n ** BigInt(-exp10)
  if (exp2 >= 0) dm <<= BigInt(exp2)
  else mant <<= BigInt(-exp2)
  return mant < dm ? -1 : mant > dm ? 1 : 0
}

/** Literals longer than this are not compared digit by digit in the float32 tie case. */
const MAX_EXACT_DIGITS = 800

/**
 * `strconv.ParseFloat(literal, 64|32)`: correctly rounded; `undefined` on overflow (Go's ErrRange).
 * For float32 the literal is rounded once, directly to float32, as Go does (rounding through a
 * double first can differ when the double lands exactly halfway between two float32 values).
 *
 * @example
 * parseGoFloat('1e400', 64) // undefined
 * parseGoFloat('0.1', 32) // 0.10000000149011612
 */
export function parseGoFloat(literal: string, bits: 32 | 64): number | undefined {
  const d = Number(literal)
  if (bits === 64) return Number.isFinite(d) ? d : undefined
  if (!Number.isFinite(d)) return undefined
  const r = Math.fround(d)
  if (r === d) return r
  const mag = Math.abs(d)
  let lo = Math.fround(mag)
  if (lo > mag) lo = lo === Infinity ? 3.4028234663852886e38 : nextFloat32Down(lo)
  const hi = lo === 3.4028234663852886e38 ? 2 ** 128 : nextFloat32Up(lo)
  if ((lo + hi) / 2 !== mag) return Number.isFinite(r) ? r : undefined
  if (literal.length > MAX_EXACT_DIGITS) return undefined
  const cmp = compareExact(literal, d) * Math.sign(d)
  const chosen = cmp === 0 ? Math.abs(r) : cmp > 0 ? hi : lo
  if (!Number.isFinite(chosen) || chosen === 2 ** 128) return undefined
  return d < 0 ? -chosen : chosen
}

function nextFloat32Down(x: number): number {
  f32[0] = x
  u32[0] = u32[0]! - 1
  return f32[0]!
}
