import { parseComposeVolume } from './parse-compose-volume.js'
import { nodeLocation, type YMap, type YNode, type YScalar, type YSeq } from './yaml-tree.js'

type Merger = (base: YNode, over: YNode, path: readonly string[]) => YNode

type Pattern = readonly string[]

function matches(path: readonly string[], parts: Pattern): boolean {
  if (parts.length !== path.length) return false
  for (let i = 0; i < parts.length; i++) if (parts[i] !== '*' && parts[i] !== path[i]) return false
  return true
}

function compile<T>(table: readonly (readonly [string, T])[]): readonly (readonly [Pattern, T])[] {
  return table.map(([pattern, value]) => [pattern.split('.'), value])
}

function scalarText(n: YNode): string | undefined {
  return n.kind === 'scalar' ? (n.value === null ? '' : String(n.value)) : undefined
}

/** compose-go's convertIntoSequence: a mapping becomes sorted `key=value` items (`key` for null). */
function toItems(n: YNode): YNode[] {
  if (n.kind === 'seq') return n.items
  if (n.kind === 'scalar') return [n]
  const items: YScalar[] = []
  for (const [k, v] of n.entries) {
    const loc = nodeLocation(v)
    const values = v.kind === 'seq' ? v.items : [v]
    for (const item of values) {
      const text = v.kind === 'scalar' && v.value === null ? k : `${k}=${scalarText(item) ?? ''}`
      items.push({ kind: 'scalar', value: text, isString: true, loc })
    }
  }
  return items.sort((a, b) =>
    String(a.value) < String(b.value) ? -1 : String(a.value) > String(b.value) ? 1 : 0,
  )
}

function seqOf(base: YNode, items: YNode[]): YSeq {
  return { kind: 'seq', items, loc: base.loc, ...(base.keyLoc && { keyLoc: base.keyLoc }) }
}

function toMapping(n: YNode): YMap {
  if (n.kind === 'map') return n
  const entries = new Map<string, YNode>()
  for (const item of n.kind === 'seq' ? n.items : [n]) {
    const name = scalarText(item)
    if (name !== undefined) entries.set(name, { kind: 'scalar', value: null, isString: false, loc: item.loc })
  }
  return { kind: 'map', entries, loc: n.loc, ...(n.keyLoc && { keyLoc: n.keyLoc }) }
}

const toSequence: Merger = (base, over) => seqOf(base, [...toItems(base), ...toItems(over)])
const override: Merger = (_, over) => over
const extraHosts: Merger = (base, over) => {
  const right = toItems(base)
  const seen = new Set(right.map(scalarText))
  return seqOf(base, [...right, ...toItems(over).filter((n) => !seen.has(scalarText(n)))])
}
const mappings: Merger = (base, over, path) => mergeMappings(toMapping(base), toMapping(over), path)
const logging: Merger = (base, over, path) => {
  if (base.kind !== 'map' || over.kind !== 'map') return over
  const a = base.entries.get('driver')
  const b = over.entries.get('driver')
  if (!a || !b || scalarText(a) === scalarText(b)) return mergeMappings(base, over, path)
  return over
}

/** compose-go `override/merge.go`: the keys that do not merge as plain mappings and sequences. */
const SPECIALS = compile<Merger>([
  ['networks.*.labels', toSequence],
  ['volumes.*.labels', toSequence],
  ['services.*.annotations', toSequence],
  ['services.*.build.args', toSequence],
  ['services.*.build.labels', toSequence],
  ['services.*.build.extra_hosts', extraHosts],
  ['services.*.command', override],
  ['services.*.depends_on', mappings],
  ['services.*.deploy.labels', toSequence],
  ['services.*.dns', toSequence],
  ['services.*.dns_opt', toSequence],
  ['services.*.dns_search', toSequence],
  ['services.*.entrypoint', override],
  ['services.*.env_file', toSequence],
  ['services.*.label_file', toSequence],
  ['services.*.environment', toSequence],
  ['services.*.extra_hosts', extraHosts],
  ['services.*.healthcheck.test', override],
  ['services.*.labels', toSequence],
  ['services.*.logging', logging],
  ['services.*.networks', mappings],
  ['services.*.sysctls', toSequence],
  ['services.*.tmpfs', toSequence],
  ['services.*.ulimits.*', override],
])

/** A value with the `!reset` entries inside it removed (compose drops them wherever they are). */
function withoutResets(n: YNode): YNode {
  if (n.kind === 'map') {
    let entries: Map<string, YNode> | undefined
    for (const [k, v] of n.entries) {
      const w = v.tag === '!reset' ? undefined : withoutResets(v)
      if (w === v) continue
      entries ??= new Map(n.entries)
      if (w) entries.set(k, w)
      else entries.delete(k)
    }
    return entries ? { ...n, entries } : n
  }
  if (n.kind === 'seq' && n.items.some((i) => i.tag === '!reset')) {
    return { ...n, items: n.items.filter((i) => i.tag !== '!reset') }
  }
  return n
}

function mergeMappings(base: YMap, over: YMap, path: readonly string[]): YMap {
  const entries = new Map(base.entries)
  for (const [k, v] of over.entries) {
    const current = entries.get(k)
    if (v.tag === '!reset') entries.delete(k)
    else if (current === undefined) entries.set(k, withoutResets(v))
    else entries.set(k, mergeCompose(current, v, [...path, k]))
  }
  return { ...base, entries }
}

/**
 * Merges an override into a compose tree as `docker compose -f base.yml -f override.yml` does
 * (compose-go `override.MergeYaml`): mappings merge key by key, sequences are appended, scalars are
 * replaced; `command`, `entrypoint` and `healthcheck.test` are replaced whole; `environment`,
 * `labels`, `sysctls`, `tmpfs`, `dns`, `annotations` (list or mapping) are combined as `key=value`
 * lists; `extra_hosts` drops duplicates; `logging` merges only for the same driver; a value tagged
 * `!reset` removes the key and one tagged `!override` replaces instead of merging.
 *
 * @example mergeCompose(base, override, []) // the merged project tree
 */
export function mergeCompose(base: YNode, over: YNode, path: readonly string[]): YNode {
  if (over.tag === '!override') return over
  if (path.length >= 3)
    for (const [pattern, merger] of SPECIALS) if (matches(path, pattern)) return merger(base, over, path)
  if (base.kind === 'map' && over.kind === 'map') return mergeMappings(base, over, path)
  if (base.kind === 'seq' && over.kind === 'seq') return seqOf(base, [...base.items, ...over.items])
  return over
}

type Indexer = (n: YNode) => string | undefined

const keyValue: Indexer = (n) => scalarText(n)?.split('=')[0]
const field =
  (name: string): Indexer =>
  (n) => {
    const v = n.kind === 'map' ? n.entries.get(name) : undefined
    return v ? scalarText(v) : undefined
  }
const volume: Indexer = (n) => {
  if (n.kind === 'map') return field('target')(n)
  const text = scalarText(n)
  if (text === undefined) return undefined
  try {
    return parseComposeVolume(text).target
  } catch {
    return undefined
  }
}
const device: Indexer = (n) => {
  if (n.kind === 'map') return field('target')(n)
  const parts = scalarText(n)?.split(':')
  return parts ? (parts[1] ?? parts[0]) : undefined
}
const port: Indexer = (n) => {
  if (n.kind !== 'map') return scalarText(n)
  const f = (k: string, d: string) => {
    const v = n.entries.get(k)
    return v ? (scalarText(v) ?? d) : d
  }
  return `${f('host_ip', '0.0.0.0')}:${f('published', '')}:${f('target', '')}/${f('protocol', 'tcp')}`
}

/** compose-go `override/uncity.go`: sequences whose items are unique by a key (later items win). */
const UNIQUE = compile<Indexer>([
  ['services.*.annotations', keyValue],
  ['services.*.cap_add', keyValue],
  ['services.*.cap_drop', keyValue],
  ['services.*.deploy.labels', keyValue],
  ['services.*.devices', device],
  ['services.*.dns', keyValue],
  ['services.*.dns_opt', keyValue],
  ['services.*.dns_search', keyValue],
  ['services.*.environment', keyValue],
  ['services.*.expose', scalarText],
  ['services.*.labels', keyValue],
  ['services.*.links', keyValue],
  ['services.*.ports', port],
  ['services.*.profiles', keyValue],
  ['services.*.sysctls', keyValue],
  ['services.*.tmpfs', keyValue],
  ['services.*.volumes', volume],
])

/**
 * Removes redefinitions from the sequences compose keeps unique (compose-go `EnforceUnicity`): a
 * later `environment` entry for the same variable, `volumes` entry for the same target, `ports`
 * entry for the same binding, ... replaces the earlier one in its place.
 *
 * @example enforceUnicity(merged, [])
 */
export function enforceUnicity(node: YNode, path: readonly string[]): YNode {
  // Only sequences three levels down (`services.<name>.<key>`, `services.<name>.deploy.labels`) are kept unique.
  if (node.kind === 'map' && path.length < 4) {
    let entries: Map<string, YNode> | undefined
    for (const [k, v] of node.entries) {
      const u = enforceUnicity(v, [...path, k])
      if (u === v) continue
      entries ??= new Map(node.entries)
      entries.set(k, u)
    }
    return entries ? { ...node, entries } : node
  }
  if (node.kind !== 'seq') return node
  const indexer = UNIQUE.find(([pattern]) => matches(path, pattern))?.[1]
  if (!indexer) return node
  const items: YNode[] = []
  const seen = new Map<string, number>()
  for (const item of node.items) {
    const key = indexer(item)
    const at = key === undefined ? undefined : seen.get(key)
    if (at !== undefined) items[at] = item
    else {
      if (key !== undefined) seen.set(key, items.length)
      items.push(item)
    }
  }
  return items.length === node.items.length && items.every((it, i) => it === node.items[i])
    ? node
    : { ...node, items }
}
