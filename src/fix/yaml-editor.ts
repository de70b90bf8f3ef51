import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml'
import {
  renderAfterKey,
  renderBlockEntries,
  renderBlockItems,
  renderFlow,
  type YamlValue,
} from './render-yaml.js'

interface Edit {
  start: number
  end: number
  text: string
  /** For insertions at the same offset: deeper (more indented) text goes first. */
  indent: number
  order: number
}

type Obj = { [key: string]: YamlValue }
type Add = (start: number, end: number, text: string, indent?: number) => void

const isObj = (v: YamlValue | undefined): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v)

function deepMerge(into: Obj, add: Obj): void {
  for (const [k, v] of Object.entries(add)) {
    const cur = into[k]
    if (isObj(cur) && isObj(v)) deepMerge(cur, v)
    else if (Array.isArray(cur) && Array.isArray(v)) cur.push(...v)
    else into[k] = v
  }
}

function nest(path: readonly string[], value: YamlValue): YamlValue {
  return path.reduceRight<YamlValue>((v, k) => ({ [k]: v }), value)
}

/**
 * The pair of `map` whose key is the string `key`.
 *
 * @example pairOf(service, 'cap_add')?.value // the YAMLSeq of cap_add
 */
export function pairOf(map: YAMLMap, key: string): Pair<unknown, unknown> | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<unknown, unknown> | undefined
}

/**
 * The node at `path` of plain keys below `map`, when every step exists.
 *
 * @example nodeAt(container, ['securityContext', 'capabilities']) // a YAMLMap, or undefined
 */
export function nodeAt(map: YAMLMap, path: readonly string[]): Node | undefined {
  let cur: unknown = map
  for (const key of path) {
    if (!isMap(cur)) return undefined
    cur = pairOf(cur, key)?.value
  }
  return (cur ?? undefined) as Node | undefined
}

/**
 * Changes a parsed YAML document by splicing text into the original: only the lines of the keys and
 * items it adds, replaces or removes change; comments, key order, quoting and indentation elsewhere
 * stay as written. New keys go after a mapping's last key at its indentation; missing intermediate
 * mappings are created once even when several changes need them.
 *
 * @example
 * const ed = new YamlEditor(text, 2)
 * ed.set(service, ['read_only'], true)
 * ed.append(service, ['security_opt'], ['no-new-privileges:true'])
 * const fixed = ed.apply()
 */
export class YamlEditor {
  private readonly additions = new Map<YAMLMap, Obj>()
  private readonly appends = new Map<YAMLSeq, YamlValue[]>()
  private readonly removals = new Map<YAMLSeq, { pair: Pair<unknown, unknown>; indexes: Set<number> }>()
  private readonly replacements = new Map<Pair<unknown, unknown>, { value: YamlValue; flow: boolean }>()

  /** The file's line ending, used for every line the editor writes. */
  private readonly eol: string

  constructor(
    private readonly text: string,
    /** Spaces per nesting level for new blocks. */
    private readonly unit: number,
  ) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n'
  }

  /** Whether any change was recorded. */
  get changed(): boolean {
    return this.replacements.size + this.additions.size + this.appends.size + this.removals.size > 0
  }

  /** Sets `path` below `map` to `value`, creating missing mappings, replacing what is there. */
  set(map: YAMLMap, path: readonly string[], value: YamlValue, flow = Boolean(map.flow)): void {
    const [key, ...rest] = path
    if (key === undefined) return
    const pair = pairOf(map, key)
    if (!pair) {
      const add = this.additions.get(map) ?? {}
      deepMerge(add, { [key]: nest(rest, value) })
      this.additions.set(map, add)
      return
    }
    if (rest.length && isMap(pair.value)) this.set(pair.value, rest, value, flow || Boolean(pair.value.flow))
    else this.replaceValue(pair, nest(rest, value), flow)
  }

  /** Appends items to the sequence at `path` (creating it, or turning a lone scalar into a list). */
  append(map: YAMLMap, path: readonly string[], items: YamlValue[]): void {
    const parentPath = path.slice(0, -1)
    const key = path.at(-1) as string
    const parent = parentPath.length ? nodeAt(map, parentPath) : map
    const pair = isMap(parent) ? pairOf(parent, key) : undefined
    if (!isMap(parent)) this.set(map, path, items)
    else if (pair && isSeq(pair.value))
      this.appends.set(pair.value, [...(this.appends.get(pair.value) ?? []), ...items])
    else if (pair && isScalar(pair.value) && pair.value.value !== null) {
      this.replaceValue(pair, [String(pair.value.value), ...items], Boolean(parent.flow))
    } else this.set(parent, [key], items)
  }

  /** Removes the items of the sequence at `path` for which `drop` is true; returns how many. */
  remove(map: YAMLMap, path: readonly string[], drop: (item: unknown) => boolean): number {
    const parent = path.length > 1 ? nodeAt(map, path.slice(0, -1)) : map
    if (!isMap(parent)) return 0
    const pair = pairOf(parent, path.at(-1) as string)
    if (!pair || !isSeq(pair.value)) return 0
    const seq = pair.value
    const indexes = new Set<number>()
    seq.items.forEach((item, i) => {
      if (drop(isScalar(item) ? item.value : item)) indexes.add(i)
    })
    if (indexes.size) this.removals.set(seq, { pair, indexes })
    return indexes.size
  }

  /** The text with every change spliced in. */
  apply(): string {
    const edits: Edit[] = []
    const add = (start: number, end: number, text: string, indent = 0) =>
      edits.push({
        start,
        end,
        text: this.eol === '\n' ? text : text.replace(/\r?\n/g, this.eol),
        indent,
        order: edits.length,
      })
    for (const [pair, { value, flow }] of this.replacements) this.renderReplacement(pair, value, flow, add)
    for (const [map, obj] of this.additions) this.renderAdditions(map, obj, add)
    for (const [seq, items] of this.appends) if (!this.removals.has(seq)) this.renderAppend(seq, items, add)
    for (const [seq, { pair, indexes }] of this.removals)
      this.renderRemoval(seq, pair, indexes, this.appends.get(seq) ?? [], add)
    // Applied from the end of the text backwards; at one offset the shallowest text goes in first so
    // that it ends up last (after the items of a nested block it follows).
    edits.sort((a, b) => b.start - a.start || a.indent - b.indent || b.order - a.order)
    let out = this.text
    let floor = Number.POSITIVE_INFINITY
    for (const e of edits) {
      if (e.end > floor) throw new Error('internal error: overlapping YAML edits')
      out = out.slice(0, e.start) + e.text + out.slice(e.end)
      floor = e.start
    }
    return out
  }

  private column(offset: number): number {
    return offset - (this.text.lastIndexOf('\n', offset - 1) + 1)
  }

  /** The offset just after the newline that ends the line holding `offset - 1` (the end of the text at worst). */
  private afterLine(offset: number): number {
    const nl = this.text.indexOf('\n', Math.max(0, offset - 1))
    return nl < 0 ? this.text.length : nl + 1
  }

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1
  }

  private end(node: unknown): number {
    const n = node as { range?: [number, number, number] } | null
    return n?.range?.[1] ?? 0
  }

  private insertLines(at: number, lines: string[], indent: number, add: Add): void {
    const lead = at === this.text.length && !this.text.endsWith('\n') ? '\n' : ''
    add(at, at, `${lead}${lines.join('\n')}\n`, indent)
  }

  /** The end of a node's own text: its range end without the trailing blank space and newlines. */
  private contentEnd(node: unknown): number {
    let end = this.end(node)
    while (end > 0 && /\s/.test(this.text[end - 1] ?? '')) end--
    return end
  }

  /** Records a new value for an existing key; objects set on the same key are merged. */
  private replaceValue(pair: Pair<unknown, unknown>, value: YamlValue, flow: boolean): void {
    const prev = this.replacements.get(pair)
    if (prev && isObj(prev.value) && isObj(value)) deepMerge(prev.value, value)
    else this.replacements.set(pair, { value, flow })
  }

  private renderReplacement(pair: Pair<unknown, unknown>, value: YamlValue, flow: boolean, add: Add): void {
    const key = pair.key as Node
    const keyEnd = key.range?.[1] ?? 0
    const indent = this.column(key.range?.[0] ?? 0)
    const valueEnd = pair.value ? this.contentEnd(pair.value) : 0
    const colon = this.text.indexOf(':', keyEnd)
    const end = Math.max(valueEnd, colon + 1)
    add(keyEnd, end, renderAfterKey(value, indent, this.unit, flow))
  }

  private renderAdditions(map: YAMLMap, obj: Obj, add: Add): void {
    const range = map.range as [number, number, number]
    if (map.flow) {
      const close = this.text.lastIndexOf('}', range[1] - 1)
      const entries = Object.entries(obj).map(([k, v]) => `${renderFlow(k)}: ${renderFlow(v)}`)
      add(close, close, `${map.items.length ? ', ' : ''}${entries.join(', ')}`)
      return
    }
    const first = map.items[0]?.key as Node | undefined
    const indent = this.column(first?.range?.[0] ?? range[0])
    const last = map.items.at(-1)
    const lastEnd = Math.max(this.contentEnd(last?.value), this.contentEnd(last?.key))
    this.insertLines(this.afterLine(lastEnd), renderBlockEntries(obj, indent, this.unit), indent, add)
  }

  private renderAppend(seq: YAMLSeq, items: YamlValue[], add: Add): void {
    const range = seq.range as [number, number, number]
    if (seq.flow) {
      const close = this.text.lastIndexOf(']', range[1] - 1)
      add(close, close, `${seq.items.length ? ', ' : ''}${items.map(renderFlow).join(', ')}`)
      return
    }
    const indent = this.column(range[0])
    this.insertLines(
      this.afterLine(this.contentEnd(seq.items.at(-1))),
      renderBlockItems(items, indent, this.unit),
      indent + 1,
      add,
    )
  }

  private renderRemoval(
    seq: YAMLSeq,
    pair: Pair<unknown, unknown>,
    indexes: Set<number>,
    appended: YamlValue[],
    add: Add,
  ): void {
    const range = seq.range as [number, number, number]
    const kept = seq.items.filter((_, i) => !indexes.has(i)) as Node[]
    if (kept.length === 0 && appended.length === 0) {
      const keyEnd = (pair.key as Node).range?.[1] ?? 0
      add(keyEnd, Math.max(this.contentEnd(seq), this.text.indexOf(':', keyEnd) + 1), ': []')
      return
    }
    const source = (n: Node) => this.text.slice(n.range?.[0] ?? 0, n.range?.[1] ?? 0)
    if (seq.flow) {
      add(range[0], range[1], `[${[...kept.map(source), ...appended.map(renderFlow)].join(', ')}]`)
      return
    }
    const indent = this.column(range[0])
    const start = this.lineStart(range[0])
    const end = this.afterLine(this.contentEnd(seq.items.at(-1)))
    const keptLines = kept.map((n) =>
      this.text
        .slice(this.lineStart(n.range?.[0] ?? 0), this.afterLine(this.contentEnd(n)))
        .replace(/\n$/, ''),
    )
    add(start, end, `${[...keptLines, ...renderBlockItems(appended, indent, this.unit)].join('\n')}\n`)
  }
}
