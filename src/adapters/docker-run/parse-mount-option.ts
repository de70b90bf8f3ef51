import { posix } from 'node:path'
import { InputError } from '../../errors.js'
import type { Mount } from '../../model/container-spec.js'
import { parseCsvFields } from './parse-csv-fields.js'
import { ramInBytes } from './ram-in-bytes.js'

const TYPES = new Set(['bind', 'volume', 'tmpfs', 'npipe', 'cluster', 'image'])
const FLAGS = new Set(['readonly', 'ro', 'volume-nocopy', 'bind-nonrecursive', 'bind-create-src'])

function boolValue(key: string, value: string, hasValue: boolean): boolean {
  if (!hasValue) return true
  const v = value.toLowerCase()
  if (['1', 'true'].includes(v)) return true
  if (['0', 'false'].includes(v)) return false
  throw new InputError(
    `invalid value for '${key}': invalid boolean value ("${value}"): must be one of "true", "1", "false", or "0"`,
  )
}

/**
 * Parses one `--mount` value as the docker CLI does (`opts.MountOpt`): CSV `key=value` fields,
 * `type` (default `volume`), `source`/`src`, `target`/`dst`/`destination`, `readonly`/`ro`,
 * `bind-propagation`, `volume-driver`, `volume-opt=k=v` (repeatable), `volume-nocopy`, tmpfs and
 * image options. A relative source starting with `.` is resolved against `cwd` when it is known.
 *
 * @example parseMountOption('type=bind,src=/,dst=/host,readonly').source // '/'
 */
export function parseMountOption(value: string, cwd?: string): Mount {
  const trimmed = value.trim()
  if (trimmed === '') throw new InputError('value is empty')
  const mount: Mount = { type: 'volume', source: '', target: '', readOnly: false }
  for (const field of parseCsvFields(trimmed)) {
    const eq = field.indexOf('=')
    const hasValue = eq >= 0
    const rawKey = hasValue ? field.slice(0, eq) : field
    const val = hasValue ? field.slice(eq + 1) : ''
    if (rawKey.trim() !== rawKey)
      throw new InputError(
        `invalid option '${rawKey.trim()}' in '${field}': option should not have whitespace`,
      )
    if (hasValue && val.trim() === '') throw new InputError(`invalid value for '${rawKey}': value is empty`)
    if (hasValue && val.trim() !== val)
      throw new InputError(`invalid value for '${rawKey}' in '${field}': value should not have whitespace`)
    const key = rawKey.toLowerCase()
    if (!hasValue && !FLAGS.has(key))
      throw new InputError(`invalid field '${field}' must be a key=value pair`)
    switch (key) {
      case 'type': {
        const t = val.toLowerCase()
        if (!TYPES.has(t)) throw new InputError(`invalid mount type: ${val}`)
        mount.type = t as Mount['type']
        break
      }
      case 'source':
      case 'src':
        mount.source = cwd !== undefined && val.startsWith('.') ? posix.resolve(cwd, val) : val
        break
      case 'target':
      case 'dst':
      case 'destination':
        mount.target = val
        break
      case 'readonly':
      case 'ro':
        mount.readOnly = boolValue(key, val, hasValue)
        break
      case 'bind-propagation':
        mount.propagation = val.toLowerCase()
        break
      case 'volume-driver':
        mount.volumeDriver = val
        break
      case 'volume-opt': {
        const i = val.indexOf('=')
        mount.volumeOptions = {
          ...mount.volumeOptions,
          [i < 0 ? val : val.slice(0, i)]: i < 0 ? '' : val.slice(i + 1),
        }
        break
      }
      case 'bind-nonrecursive':
        throw new InputError('bind-nonrecursive is deprecated, use bind-recursive=disabled instead')
      case 'tmpfs-size':
        ramInBytes(val)
        break
      case 'tmpfs-mode':
        if (!/^[0-7]+$/.test(val)) throw new InputError(`invalid value for ${key}: ${val}`)
        break
      case 'volume-nocopy':
      case 'bind-create-src':
        boolValue(key, val, hasValue)
        break
      case 'consistency':
      case 'bind-recursive':
      case 'volume-subpath':
      case 'volume-label':
      case 'image-subpath':
        break
      default:
        throw new InputError(`unknown option '${key}' in '${field}'`)
    }
  }
  if (mount.target === '') throw new InputError('target is required')
  if (mount.type === 'bind' && mount.source === '')
    throw new InputError('source is required when specifying bind mounts')
  if (mount.type !== 'bind' && mount.propagation !== undefined)
    throw new InputError(`cannot mix 'bind-*' options with mount type '${mount.type}'`)
  if (mount.type !== 'volume' && (mount.volumeDriver !== undefined || mount.volumeOptions !== undefined))
    throw new InputError(`cannot mix 'volume-*' options with mount type '${mount.type}'`)
  return mount
}
