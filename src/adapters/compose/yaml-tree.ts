import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Pair,
  Scalar,
} from 'yaml'
import { InputError } from '../../errors.js'
import type { SourceLocation } from '../workload.js'

interface YBase {
  /** Where the value is written (from its first to its last character). */
  loc: SourceLocation
  /** Where the key of the mapping entry holding the value is written, for values in a mapping. */
  keyLoc?: SourceLocation
  /** A local tag such as `!reset` or `!override` (compose merge directives). */
  tag?: string
}

export interface YScalar extends YBase {
  kind: 'scalar'
  value: string | number | boolean | null
  /** Whether the YAML value is a string (only strings are interpolated). */
  isString: boolean
}

export interface YSeq extends YBase {
  kind: 'seq'
  items: YNode[]
}

export interface YMap extends YBase {
  kind: 'map'
  entries: Map<string, YNode>
}

/**
 * A YAML value with where it was written, aliases and `<<` merge keys resolved: what the compose
 * and Kubernetes adapters read, so every value they map can be located.
 */
export type YNode = YScalar | YSeq | YMap

/** The most YAML nodes one document may expand to (aliases included): a bound on alias bombs. */
export const MAX_NODE_VISITS = 100_000

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false
  const v = key.value
  const plain = key.type === undefined || key.type === Scalar.PLAIN
  return plain && (v === '<<' || (typeof v === 'symbol' && v.description === '<<'))
}

function scalarValue(v: unknown): { value: YScalar['value']; isString: boolean } {
  if (typeof v === 'string') return { value: v, isString: true }
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined)
    return { value: v ?? null, isString: false }
  if (typeof v === 'bigint') return { value: Number(v), isString: false }
  if (v instanceof Date) return { value: v.toISOString(), isString: false }
  if (typeof v === 'symbol') return { value: v.description ?? '', isString: true }
  return { value: String(v), isString: false }
}

function keyString(key: unknown): string {
  if (isScalar(key)) {
    const v = key.value
    return typeof v === 'symbol' ? (v.description ?? '') : String(v)
  }
  if (key === null || key === undefined) return ''
  throw new InputError('a mapping key must be a scalar')
}

class TreeBuilder {
  private visits = 0
  private readonly resolving = new Set<Node>()

  constructor(
    private readonly doc: Document,
    private readonly file: string,
    private readonly lc: LineCounter,
  ) {}

  location(range: readonly number[] | null | undefined): SourceLocation {
    const from = range?.[0] ?? 0
    const to = range?.[1] ?? from
    const start = this.lc.linePos(from)
    let end = this.lc.linePos(to)
    // A block value ends after its last line break: report the end of its last line instead.
    if (end.col === 1 && end.line > start.line) end = this.lc.linePos(to - 1)
    return { file: this.file, line: start.line, column: start.col, endLine: end.line, endColumn: end.col }
  }

  convert(node: unknown, fallback: SourceLocation, keyLoc?: SourceLocation): YNode {
    if (++this.visits > MAX_NODE_VISITS) {
      throw new InputError(`the document expands to more than ${MAX_NODE_VISITS} YAML nodes (alias bomb?)`)
    }
    if (isAlias(node)) return this.alias(node, fallback, keyLoc)
    if (isScalar(node)) {
      const v = node.value
      const out: YScalar =
        typeof v === 'string'
          ? { kind: 'scalar', value: v, isString: true, loc: this.location(node.range) }
          : { kind: 'scalar', ...scalarValue(v), loc: this.location(node.range) }
      return this.finish(out, node.tag, keyLoc)
    }
    if (isMap(node)) {
      const loc = this.location(node.range)
      return this.finish({ kind: 'map', entries: this.entries(node.items, loc), loc }, node.tag, keyLoc)
    }
    if (isSeq(node)) {
      const loc = this.location(node.range)
      const items = node.items.map((it) => this.convert(it, loc))
      return this.finish({ kind: 'seq', items, loc }, node.tag, keyLoc)
    }
    const out: YScalar = { kind: 'scalar', value: null, isString: false, loc: fallback }
    if (keyLoc) out.keyLoc = keyLoc
    return out
  }

  private finish<T extends YNode>(out: T, tag: string | undefined, keyLoc: SourceLocation | undefined): T {
    if (keyLoc) out.keyLoc = keyLoc
    if (tag?.startsWith('!') && !tag.startsWith('!!')) out.tag = tag
    return out
  }

  private alias(node: Alias, fallback: SourceLocation, keyLoc: SourceLocation | undefined): YNode {
    const target = node.resolve(this.doc)
    if (!target) throw new InputError(`unknown alias *${node.source}`)
    if (this.resolving.has(target)) throw new InputError(`alias *${node.source} refers to itself`)
    this.resolving.add(target)
    try {
      return this.convert(target, fallback, keyLoc)
    } finally {
      this.resolving.delete(target)
    }
  }

  private entries(pairs: readonly unknown[], loc: SourceLocation): Map<string, YNode> {
    const out = new Map<string, YNode>()
    let merged: Map<string, YNode>[] | undefined
    for (const pair of pairs) {
      if (!isPair(pair)) continue
      const p = pair as Pair
      const keyLoc = isScalar(p.key) ? this.location(p.key.range) : loc
      if (isMergeKey(p.key)) {
        const src = this.convert(p.value, keyLoc)
        for (const s of src.kind === 'seq' ? src.items : [src]) {
          if (s.kind !== 'map')
            throw new InputError('merge sources (<<) must be mappings or aliases of mappings')
          merged ??= []
          merged.push(s.entries)
        }
        continue
      }
      out.set(keyString(p.key), this.convert(p.value, keyLoc, keyLoc))
    }
    for (const m of merged ?? []) for (const [k, v] of m) if (!out.has(k)) out.set(k, v)
    return out
  }
}

/**
 * The contents of a parsed YAML document as a located tree: aliases expanded (at most
 * MAX_NODE_VISITS nodes), `<<` merge keys applied (explicit keys win; earlier sources win over later
 * ones), every value carrying its location in `file`. Throws an InputError on alias loops and bad
 * merge sources.
 *
 * @example yamlTree(parseDocument('a: &x 1\nb: *x', { lineCounter: lc }), 'f.yml', lc) // { kind: 'map', ... }
 */
export function yamlTree(doc: Document, file: string, lc: LineCounter): YNode {
  const b = new TreeBuilder(doc, file, lc)
  return b.convert(doc.contents, b.location(doc.range))
}

/**
 * Where a tree value is reported: from its key (when it sits in a mapping) to the end of the value,
 * so `privileged: true` is reported at `privileged`.
 *
 * @example nodeLocation(service.entries.get('privileged')!) // { file, line: 7, column: 5, endLine: 7, endColumn: 21 }
 */
export function nodeLocation(node: YNode): SourceLocation {
  if (!node.keyLoc) return node.loc
  const { endLine, endColumn } = node.loc
  return {
    ...node.keyLoc,
    ...(endLine !== undefined && { endLine }),
    ...(endColumn !== undefined && { endColumn }),
  }
}
