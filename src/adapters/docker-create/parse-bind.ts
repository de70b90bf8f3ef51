import { InputError } from '../../errors.js'
import type { Mount } from '../../model/container-spec.js'

const RW = new Set(['rw', 'ro'])
const LABEL = new Set(['z', 'Z'])
const PROPAGATION = new Set(['private', 'rprivate', 'slave', 'rslave', 'shared', 'rshared'])
const COPY = new Set(['nocopy'])
const CONSISTENCY = new Set(['consistent', 'cached', 'delegated'])

/** dockerd's linuxValidMountMode: comma-separated options, at most one of each family. */
export function validMountMode(mode: string): boolean {
  if (mode === '') return true
  const counts = [0, 0, 0, 0, 0]
  for (const o of mode.split(',')) {
    const i = RW.has(o)
      ? 0
      : LABEL.has(o)
        ? 1
        : PROPAGATION.has(o)
          ? 2
          : COPY.has(o)
            ? 3
            : CONSISTENCY.has(o)
              ? 4
              : -1
    if (i < 0) return false
    counts[i] = (counts[i] as number) + 1
  }
  return counts.every((c) => c <= 1)
}

/**
 * Parses one `HostConfig.Binds` entry exactly as dockerd's linux parser does: `dst`, `src:dst` or
 * `src:dst:mode` (at most two colons); an absolute source is a host bind, anything else a volume name.
 * Entries dockerd refuses are refused here too.
 *
 * @example parseBind('/srv:/data:ro,rshared', '') // { type: 'bind', source: '/srv', target: '/data', readOnly: true, propagation: 'rshared' }
 */
export function parseBind(raw: string, volumeDriver: string): Mount {
  if ((raw.match(/:/g) ?? []).length > 2) throw new InputError(`invalid volume specification: "${raw}"`)
  const arr = raw.split(':')
  if (arr[0] === '') throw new InputError(`invalid volume specification: "${raw}"`)
  let source = ''
  let target: string
  let mode = ''
  if (arr.length === 1) {
    target = arr[0] as string
  } else if (arr.length === 2) {
    if (validMountMode(arr[1] as string)) throw new InputError(`invalid volume specification: "${raw}"`)
    source = arr[0] as string
    target = arr[1] as string
  } else {
    source = arr[0] as string
    target = arr[1] as string
    mode = arr[2] as string
  }
  if (!validMountMode(mode)) throw new InputError(`invalid mode: ${mode} (in volume specification "${raw}")`)
  if (!target.startsWith('/'))
    throw new InputError(`invalid volume specification: "${raw}": destination must be an absolute path`)
  const opts = mode === '' ? [] : mode.split(',')
  const type = source.startsWith('/') ? 'bind' : 'volume'
  const propagation = opts.find((o) => PROPAGATION.has(o))
  return {
    type,
    source,
    target,
    readOnly: opts.includes('ro'),
    ...(propagation !== undefined && { propagation }),
    ...(type === 'volume' && volumeDriver !== '' && { volumeDriver }),
  }
}
