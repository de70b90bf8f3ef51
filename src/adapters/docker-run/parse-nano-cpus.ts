import { InputError } from '../../errors.js'

/**
 * A CPU count as the docker CLI reads `--cpus` (exact decimal, at most nine fractional digits):
 * `0.5` is 500000000 nano-CPUs.
 *
 * @example parseNanoCpus('1.5') // 1500000000
 */
export function parseNanoCpus(value: string): number {
  const m = /^\+?([0-9]*)(?:\.([0-9]*))?$/.exec(value.trim())
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) throw new InputError(`invalid CPU value: '${value}'`)
  const frac = (m[2] ?? '').replace(/0+$/, '')
  if (frac.length > 9) throw new InputError(`value is too precise: '${value}'`)
  return Number(m[1] || '0') * 1e9 + Number(frac.padEnd(9, '0') || '0')
}
