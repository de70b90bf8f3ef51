import { InputError } from '../../errors.js'

const BINARY: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 }

/**
 * A size as the docker CLI and compose read `--memory`, `--shm-size`, `mem_limit`, ... (go-units
 * `RAMInBytes`): a number, optionally followed by b, k, m, g, t or p (binary multiples, any case,
 * with an optional `b` or `ib`): `512m`, `1GiB`, `1.5g`, `2048`.
 *
 * @example ramInBytes('512m') // 536870912
 */
export function ramInBytes(size: string): number {
  const sep = Math.max(...[...'0123456789. '].map((c) => size.lastIndexOf(c)))
  if (sep < 0) throw new InputError(`invalid size: '${size}'`)
  const num = size[sep] === ' ' ? size.slice(0, sep) : size.slice(0, sep + 1)
  const sfx = size.slice(sep + 1).toLowerCase()
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[+-]?[0-9]+)?$/i.test(num)) {
    throw new InputError(`invalid size: '${size}'`)
  }
  const value = Number(num)
  if (value < 0) throw new InputError(`invalid size: '${size}'`)
  if (sfx === '' || sfx === 'b') return Math.trunc(value)
  const mul = BINARY[sfx[0] as string]
  const rest = sfx.slice(1)
  if (mul === undefined || sfx.length > 3 || !['', 'b', 'ib'].includes(rest)) {
    throw new InputError(`invalid suffix: '${size.slice(sep + 1)}'`)
  }
  return Math.trunc(value * mul)
}
