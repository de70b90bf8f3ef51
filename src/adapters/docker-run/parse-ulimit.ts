import { InputError } from '../../errors.js'
import type { Ulimit } from '../../model/container-spec.js'

/** The resource limit names dockerd knows (go-units `ulimitNameMapping`). */
export const ULIMIT_NAMES = new Set([
  'core',
  'cpu',
  'data',
  'fsize',
  'locks',
  'memlock',
  'msgqueue',
  'nice',
  'nofile',
  'nproc',
  'rss',
  'rtprio',
  'rttime',
  'sigpending',
  'stack',
])

function int64(raw: string, what: string): number {
  if (!/^[+-]?[0-9]+$/.test(raw)) throw new InputError(`invalid ulimit ${what} value: ${raw}`)
  return Number(raw)
}

/**
 * Parses `--ulimit name=soft[:hard]` as go-units `ParseUlimit` does (hard defaults to soft).
 *
 * @example parseUlimit('nofile=1024:2048') // { name: 'nofile', soft: 1024, hard: 2048 }
 */
export function parseUlimit(value: string): Ulimit {
  const eq = value.indexOf('=')
  if (eq < 0) throw new InputError(`invalid ulimit argument: ${value}`)
  const name = value.slice(0, eq)
  if (!ULIMIT_NAMES.has(name)) throw new InputError(`invalid ulimit type: ${name}`)
  const parts = value.slice(eq + 1).split(':')
  if (parts.length > 2) {
    throw new InputError(
      `too many limit value arguments - ${value.slice(eq + 1)}, can only have up to two, \`soft[:hard]\``,
    )
  }
  const soft = int64(parts[0] as string, 'soft')
  const hard = parts.length === 2 ? int64(parts[1] as string, 'hard') : soft
  if (hard !== -1 && soft > hard) {
    throw new InputError(`ulimit soft limit must be less than or equal to hard limit: ${soft} > ${hard}`)
  }
  return { name, soft, hard }
}
