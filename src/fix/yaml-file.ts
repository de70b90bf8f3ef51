import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  visit,
  type YAMLMap,
} from 'yaml'
import type { SourceLocation } from '../adapters/workload.js'
import { pairOf, YamlEditor } from './yaml-editor.js'

/** One YAML file being fixed: its documents (ranges into `text`) and the editor collecting changes. */
export interface YamlFile {
  path: string
  text: string
  docs: Document.Parsed[]
  lines: LineCounter
  editor: YamlEditor
}

/**
 * The indentation step a file uses (the smallest increase between lines), 2 when it has none.
 *
 * @example indentUnit('a:\n    b: 1\n') // 4
 */
export function indentUnit(text: string): number {
  let prev = 0
  let unit = Number.POSITIVE_INFINITY
  for (const line of text.split('\n')) {
    const body = line.trimStart()
    if (body === '' || body.startsWith('#')) continue
    const indent = line.length - body.length
    if (indent > prev) unit = Math.min(unit, indent - prev)
    prev = indent
  }
  return Number.isFinite(unit) ? Math.min(Math.max(unit, 2), 8) : 2
}

/**
 * Parses a YAML file for fixing: every document, with YAML 1.1 semantics for Kubernetes as the API
 * machinery reads it. Undefined when a document has errors (nothing is fixed in a broken file).
 *
 * @example const f = openYamlFile('deploy.yaml', text, '1.1')
 */
export function openYamlFile(path: string, text: string, version: '1.1' | '1.2'): YamlFile | undefined {
  const lines = new LineCounter()
  const docs = parseAllDocuments(text, { lineCounter: lines, version })
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined
  return { path, text, docs, lines, editor: new YamlEditor(text, indentUnit(text)) }
}

function offsetOf(file: YamlFile, loc: SourceLocation): number {
  return (file.lines.lineStarts[loc.line - 1] ?? -1) + loc.column - 1
}

/**
 * The compose service mapping whose key is written at `loc`.
 *
 * @example composeService(file, web.location)?.get('image') // 'nginx:1.27'
 */
export function composeService(file: YamlFile, loc: SourceLocation): YAMLMap | undefined {
  const offset = offsetOf(file, loc)
  for (const doc of file.docs) {
    const services = isMap(doc.contents) ? pairOf(doc.contents, 'services')?.value : undefined
    if (!isMap(services)) continue
    for (const pair of services.items) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset && isMap(pair.value)) return pair.value
    }
  }
  return undefined
}

/**
 * The container mapping whose `name:` value is written at `loc`, and the pod spec mapping holding
 * its list (`containers`, `initContainers`, …).
 *
 * @example kubernetesContainer(file, app.location)?.container.get('name') // 'app'
 */
export function kubernetesContainer(
  file: YamlFile,
  loc: SourceLocation,
): { container: YAMLMap; pod: YAMLMap } | undefined {
  const offset = offsetOf(file, loc)
  let found: { container: YAMLMap; pod: YAMLMap } | undefined
  for (const doc of file.docs) {
    visit(doc, {
      Scalar(_key, node, path) {
        if (node.range?.[0] !== offset) return undefined
        const [pod, podPair, seq, container, namePair] = path.slice(-5)
        if (isMap(pod) && isPair(podPair) && isSeq(seq) && isMap(container) && isPair(namePair)) {
          found = { container, pod }
          return visit.BREAK
        }
        return undefined
      },
    })
    if (found) return found
  }
  return undefined
}
