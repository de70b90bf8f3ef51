import { InputError } from '../../errors.js'

const SUFFIX: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
}

/**
 * A Kubernetes resource quantity as a number: `512Mi`, `1G`, `500m`, `0.5`, `1e3`, `2Ki`. Numbers
 * written as YAML numbers are taken as they are.
 *
 * @example parseQuantity('512Mi') // 536870912
 * @example parseQuantity('500m') // 0.5
 */
export function parseQuantity(raw: string | number): number {
  if (typeof raw === 'number') return raw
  const m =
    /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(
      raw.trim(),
    )
  if (!m) throw new InputError(`"${raw}" is not a Kubernetes quantity`)
  const base = Number(m[1])
  if (m[2]) return Number(`${m[1]}${m[2]}`)
  return base * (SUFFIX[m[3] ?? ''] as number)
}
