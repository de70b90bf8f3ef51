import { posix } from 'node:path'
import type { SourceError } from '../workload.js'
import type { VariableLookup } from './interpolate.js'
import { mergeCompose } from './merge-compose.js'
import { parseComposeFile } from './parse-compose-file.js'
import { nodeLocation, type YMap, type YNode } from './yaml-tree.js'

/** What resolving `extends` needs besides the file: variables, a file reader, where errors go. */
export interface ExtendsContext {
  lookup: VariableLookup
  readFile: (path: string) => string | undefined
  errors: SourceError[]
}

function text(n: YNode | undefined): string | undefined {
  return n?.kind === 'scalar' && n.value !== null ? String(n.value) : undefined
}

class Extender {
  private readonly done = new Map<string, YNode | undefined>()

  constructor(
    private readonly root: YMap,
    private readonly file: string,
    private readonly ctx: ExtendsContext,
    private readonly chain: readonly string[],
  ) {}

  private services(): YMap | undefined {
    const s = this.root.entries.get('services')
    return s?.kind === 'map' ? s : undefined
  }

  run(): YMap {
    const services = this.services()
    if (!services) return this.root
    const entries = new Map<string, YNode>()
    for (const name of services.entries.keys()) {
      const resolved = this.resolve(name, this.chain)
      if (resolved) entries.set(name, resolved)
    }
    const next = new Map(this.root.entries)
    next.set('services', { ...services, entries })
    return { ...this.root, entries: next }
  }

  resolve(name: string, chain: readonly string[]): YNode | undefined {
    if (this.done.has(name)) return this.done.get(name)
    const svc = this.services()?.entries.get(name)
    const ext = svc?.kind === 'map' ? svc.entries.get('extends') : undefined
    if (svc?.kind !== 'map' || !ext) return svc
    const id = `${this.file}#${name}`
    const own = new Map(svc.entries)
    own.delete('extends')
    const self: YMap = { ...svc, entries: own }
    const ref = ext.kind === 'map' ? text(ext.entries.get('service')) : text(ext)
    const fileRef = ext.kind === 'map' ? text(ext.entries.get('file')) : undefined
    let base: YNode | undefined
    if (chain.includes(id))
      this.fail(
        `extends: service "${name}" extends itself (${[...chain, id].map((c) => c.slice(c.lastIndexOf('#') + 1)).join(' -> ')})`,
        ext,
      )
    else if (ref === undefined) this.fail(`extends.${name}.service is required`, ext)
    else if (fileRef !== undefined) base = this.fromFile(name, ref, fileRef, ext, [...chain, id])
    else if (!this.services()?.entries.has(ref))
      this.fail(`cannot extend service "${name}" in ${this.file}: service "${ref}" not found`, ext)
    else base = this.resolve(ref, [...chain, id])
    const merged =
      base?.kind === 'map' ? { ...mergeCompose(base, self, ['services', name]), loc: svc.loc } : self
    const out: YNode = svc.keyLoc ? { ...merged, keyLoc: svc.keyLoc } : merged
    this.done.set(name, out)
    return out
  }

  private fromFile(name: string, ref: string, fileRef: string, at: YNode, chain: readonly string[]) {
    const path = posix.join(posix.dirname(this.file), fileRef)
    const content = this.ctx.readFile(path)
    if (content === undefined) return this.fail(`cannot extend service "${name}": cannot read ${fileRef}`, at)
    const docs = parseComposeFile(path, content, this.ctx.lookup, this.ctx.errors)
    for (const doc of docs.reverse()) {
      const other = new Extender(doc, path, this.ctx, chain)
      if (other.services()?.entries.has(ref)) return other.resolve(ref, chain)
    }
    return this.fail(`cannot extend service "${name}": service "${ref}" not found in ${fileRef}`, at)
  }

  private fail(message: string, at: YNode): undefined {
    this.ctx.errors.push({ message, location: nodeLocation(at) })
    return undefined
  }
}

/**
 * Resolves `extends` in a compose file's services as compose does: the base service (in the same
 * file, or in `extends.file` relative to this file) is merged under the extending one with compose's
 * merge rules, recursively; cycles and missing bases are reported and the service keeps its own keys.
 *
 * @example applyExtends(tree, 'compose.yml', { lookup, readFile, errors })
 */
export function applyExtends(root: YMap, file: string, ctx: ExtendsContext): YMap {
  return new Extender(root, file, ctx, []).run()
}
