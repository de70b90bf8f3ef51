import { InputError } from '../../errors.js'
import { ramInBytes } from '../docker-run/ram-in-bytes.js'
import type { YMap, YNode } from './yaml-tree.js'

/**
 * A compose value of the wrong shape, with the node to report it at.
 *
 * @example throw new ComposeValueError('privileged must be a boolean', node)
 */
export class ComposeValueError extends InputError {
  constructor(
    message: string,
    readonly node: YNode,
  ) {
    super(message)
  }
}

/**
 * A scalar as a string (numbers and booleans as YAML wrote them); null is ''.
 *
 * @example asString(userNode) // '1000'
 */
export function asString(n: YNode, what = 'value'): string {
  if (n.kind !== 'scalar')
    throw new ComposeValueError(
      `${what} must be a string, not a ${n.kind === 'map' ? 'mapping' : 'sequence'}`,
      n,
    )
  return n.value === null ? '' : String(n.value)
}

/**
 * A boolean as compose casts it (`true`, `"yes"`, `"on"`, `"y"`, ... in any case).
 *
 * @example asBool(privilegedNode, 'privileged') // true
 */
export function asBool(n: YNode, what = 'value'): boolean {
  if (n.kind === 'scalar' && typeof n.value === 'boolean') return n.value
  const s = asString(n, what).toLowerCase()
  if (['true', 'yes', 'y', 'on', '1'].includes(s)) return true
  if (['false', 'no', 'n', 'off', '0', ''].includes(s)) return false
  throw new ComposeValueError(`${what} must be a boolean, not "${s}"`, n)
}

/**
 * An integer (a YAML number or a numeric string).
 *
 * @example asInt(pidsLimitNode) // 256
 */
export function asInt(n: YNode, what = 'value'): number {
  const s = asString(n, what).trim()
  if (!/^[+-]?[0-9]+$/.test(s)) throw new ComposeValueError(`${what} must be an integer, not "${s}"`, n)
  return Number(s)
}

/**
 * A number, fractions allowed (`cpus: 0.5`, `cpus: "1.5"`).
 *
 * @example asNumber(cpusNode) // 0.5
 */
export function asNumber(n: YNode, what = 'value'): number {
  const s = asString(n, what).trim()
  const v = Number(s)
  if (s === '' || !Number.isFinite(v)) throw new ComposeValueError(`${what} must be a number, not "${s}"`, n)
  return v
}

/**
 * A size in bytes: a number, or a string such as `512m` / `1gb` (go-units RAMInBytes).
 *
 * @example asBytes(memLimitNode) // 536870912
 */
export function asBytes(n: YNode, what = 'value'): number {
  if (n.kind === 'scalar' && typeof n.value === 'number') return Math.trunc(n.value)
  const s = asString(n, what)
  try {
    return ramInBytes(s)
  } catch (err) {
    throw new ComposeValueError(`${what}: ${(err as Error).message}`, n)
  }
}

/**
 * The items of a sequence; a single scalar is a one-item list, null an empty one.
 *
 * @example asList(dnsNode).length // 1 for `dns: 1.1.1.1`
 */
export function asList(n: YNode): YNode[] {
  if (n.kind === 'seq') return n.items
  if (n.kind === 'scalar') return n.value === null ? [] : [n]
  throw new ComposeValueError('expected a list, not a mapping', n)
}

/**
 * A mapping, or a ComposeValueError naming `what`.
 *
 * @example asMap(driverOptsNode, 'driver_opts').entries.get('device')
 */
export function asMap(n: YNode, what = 'value'): YMap {
  if (n.kind !== 'map') throw new ComposeValueError(`${what} must be a mapping`, n)
  return n
}

/** An entry of a compose "list or dict" (environment, labels, sysctls, ...). */
export interface KeyValue {
  key: string
  /** Undefined for `KEY` without a value (list) or `KEY:` with null (mapping). */
  value: string | undefined
  node: YNode
}

/**
 * Reads a compose "list or dict": a mapping (`KEY: value`) or a list of `KEY<sep>value` strings.
 *
 * @example listOrDict(labels, '=') // [{ key: 'app', value: 'web', node }]
 */
export function listOrDict(n: YNode, sep = '='): KeyValue[] {
  if (n.kind === 'map') {
    return [...n.entries].map(([key, v]) => ({
      key,
      value: v.kind === 'scalar' && v.value === null ? undefined : asString(v, key),
      node: v,
    }))
  }
  return asList(n).map((item) => {
    const s = asString(item)
    const i = s.indexOf(sep)
    return { key: i < 0 ? s : s.slice(0, i), value: i < 0 ? undefined : s.slice(i + 1), node: item }
  })
}

/**
 * The value at `key` in a mapping node, if the node is a mapping.
 *
 * @example child(child(service, 'deploy'), 'resources')
 */
export function child(n: YNode | undefined, key: string): YNode | undefined {
  return n?.kind === 'map' ? n.entries.get(key) : undefined
}
