import { foldKey, foldName } from './fold.js'
import { hashKey } from './key-hash.js'
import { isRecursive } from './recursive.js'
import type { GoType, StructType } from './types.js'

/** A field visible on a struct after Go's promotion and dominance rules. */
export interface VisibleField {
  readonly name: string
  readonly type: GoType
  /** Go's index sequence: member positions from the outer struct down through embedded structs. */
  readonly index: readonly number[]
  readonly tagged: boolean
  /** Position in `FieldTable.fields`: Go's field order, which is also the encoder's. */
  readonly slot: number
}

/** The flattened fields of a struct type with its two lookup tables. */
export interface FieldTable {
  readonly fields: readonly VisibleField[]
  readonly exact: ReadonlyMap<string, VisibleField>
  /** Folded name → the first field in Go order with that folded name. */
  readonly folded: ReadonlyMap<string, VisibleField>
  /** Whether the struct can contain itself (through pointers, slices, maps...). */
  readonly recursive: boolean
  /**
   * Scratch space for the decoder's duplicate detection: one stamp per field, set to the serial
   * number of the object being decoded when the field is seen. Used only when not `recursive`.
   */
  readonly stamps: Float64Array
  /** Open-addressing index by `hashKey` of the exact name: field slot + 1, 0 for empty. */
  readonly hashIndex: Int32Array
}

/** The field whose exact name is `key`, given `hashKey(key)` (computed while scanning). */
export function findExact(table: FieldTable, key: string, hash: number): VisibleField | undefined {
  const index = table.hashIndex
  const mask = index.length - 1
  for (let i = hash & mask; ; i = (i + 1) & mask) {
    const e = index[i]!
    if (e === 0) return undefined
    const f = table.fields[e - 1]!
    if (f.name === key) return f
  }
}

function buildHashIndex(fields: readonly VisibleField[]): Int32Array {
  let size = 8
  while (size < fields.length * 3) size *= 2
  const index = new Int32Array(size)
  for (const f of fields) {
    let i = hashKey(f.name) & (size - 1)
    while (index[i] !== 0) i = (i + 1) & (size - 1)
    index[i] = f.slot + 1
  }
  return index
}

const cache = new WeakMap<StructType, FieldTable>()

/**
 * The fields of `type` as Go's encoding/json sees them (`typeFields`): embedded structs are walked
 * breadth first, each struct type once at its shallowest depth; among fields with the same name the
 * shallowest wins, then a tagged one if it is the only one at that depth, otherwise all are dropped.
 * Computed once per descriptor.
 *
 * @example
 * fieldTable(UpdateConfig).fields.map((f) => f.name) // ['CpuShares', 'Memory', ..., 'RestartPolicy']
 */
export function fieldTable(type: StructType): FieldTable {
  let table = cache.get(type)
  if (table === undefined) {
    table = buildTable(type)
    cache.set(type, table)
  }
  return table
}

/** Looks up an object key: exact name first, then Go's case-insensitive match. */
export function lookupField(table: FieldTable, key: string): VisibleField | undefined {
  const exact = table.exact.get(key)
  if (exact !== undefined) return exact
  const folded = foldKey(key)
  return folded === undefined ? undefined : table.folded.get(folded)
}

interface Candidate {
  name: string
  type: GoType
  index: number[]
  tagged: boolean
}

function collect(root: StructType): Candidate[] {
  const found: Candidate[] = []
  const visited = new Set<StructType>()
  let next: { type: StructType; index: number[] }[] = [{ type: root, index: [] }]
  let nextCount = new Map<StructType, number>()
  while (next.length > 0) {
    const current = next
    const count = nextCount
    next = []
    nextCount = new Map()
    for (const { type, index } of current) {
      if (visited.has(type)) continue
      visited.add(type)
      type.members.forEach((member, i) => {
        const at = [...index, i]
        if (member.kind === 'field') {
          const candidate = { name: member.name, type: member.type, index: at, tagged: member.tagged }
          found.push(candidate)
          // The same struct type embedded twice at one depth: duplicate so dominance drops it.
          if ((count.get(type) ?? 0) > 1) found.push({ ...candidate })
          return
        }
        const n = (nextCount.get(member.struct) ?? 0) + 1
        nextCount.set(member.struct, n)
        if (n === 1) next.push({ type: member.struct, index: at })
      })
    }
  }
  return found
}

function compareIndex(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!
  }
  return a.length - b.length
}

function dominant(group: Candidate[]): Candidate | undefined {
  const [first, second] = group
  if (
    second !== undefined &&
    first!.index.length === second.index.length &&
    first!.tagged === second.tagged
  ) {
    return undefined
  }
  return first
}

function buildTable(root: StructType): FieldTable {
  const byName = new Map<string, Candidate[]>()
  for (const c of collect(root)) {
    const group = byName.get(c.name)
    if (group === undefined) byName.set(c.name, [c])
    else group.push(c)
  }
  const kept: Candidate[] = []
  for (const group of byName.values()) {
    group.sort(
      (a, b) =>
        a.index.length - b.index.length ||
        Number(b.tagged) - Number(a.tagged) ||
        compareIndex(a.index, b.index),
    )
    const winner = dominant(group)
    if (winner !== undefined) kept.push(winner)
  }
  kept.sort((a, b) => compareIndex(a.index, b.index))
  const fields = kept.map((c, slot): VisibleField => ({ ...c, slot }))
  const exact = new Map<string, VisibleField>()
  const folded = new Map<string, VisibleField>()
  for (const f of fields) {
    exact.set(f.name, f)
    const key = foldName(f.name)
    if (!folded.has(key)) folded.set(key, f)
  }
  return {
    fields,
    exact,
    folded,
    recursive: isRecursive(root),
    stamps: new Float64Array(fields.length),
    hashIndex: buildHashIndex(fields),
  }
}
