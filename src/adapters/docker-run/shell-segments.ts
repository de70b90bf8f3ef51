import { basename } from 'node:path'
import { isScalar, LineCounter, parseAllDocuments, type Scalar, visit } from 'yaml'

/** A 1-based line and column. */
export interface Position {
  line: number
  column: number
}

/** A piece of shell text found in a file, and where each of its offsets sits in that file. */
export interface ShellSegment {
  text: string
  position: (offset: number) => Position
}

/** The kinds of files `docker run` lines are looked for in. */
export type ShellFileKind = 'shell' | 'makefile' | 'yaml' | 'dockerfile'

/**
 * What kind of file a path names, for finding shell commands in it: Dockerfiles (whose RUN lines run
 * at build time, not `docker run`), Makefiles, YAML (CI pipelines) or shell.
 *
 * @example shellFileKind('.github/workflows/ci.yml') // 'yaml'
 */
export function shellFileKind(path: string): ShellFileKind {
  const name = basename(path)
  if (
    /^(?:Dockerfile|Containerfile)(?:\..*)?$/i.test(name) ||
    /\.(?:dockerfile|containerfile)$/i.test(name)
  ) {
    return 'dockerfile'
  }
  if (/^(?:GNUmakefile|makefile|Makefile)$/.test(name) || /\.mk$/i.test(name)) return 'makefile'
  if (/\.ya?ml$/i.test(name)) return 'yaml'
  return 'shell'
}

function offsetPositions(text: string, shift = 0): (offset: number) => Position {
  const lc = new LineCounter()
  lc.addNewLine(0)
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1)
  return (offset) => {
    const { line, col } = lc.linePos(offset + shift)
    return { line, column: col }
  }
}

/**
 * A Makefile's recipes (and variable values) as shell text of the same length, so offsets match
 * the file: target lines and recipe prefixes (`@`, `-`, `+`, the leading tab) become spaces.
 */
function makefileShell(text: string): string {
  let continued = false
  return text
    .split('\n')
    .map((line) => {
      const wasContinued = continued
      continued = line.endsWith('\\')
      if (line.startsWith('\t') || wasContinued) {
        return line.replace(/^(\t?)([@+-]*)/, (m) => ' '.repeat(m.length))
      }
      const assign = /^\s*(?:export\s+|override\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*(?:[:+?!]|::)?=/.exec(line)
      if (assign) return ' '.repeat(assign[0].length) + line.slice(assign[0].length)
      continued = false
      return ''.padEnd(line.length, ' ')
    })
    .join('\n')
}

function blockLiteralPositions(source: string, node: Scalar, at: (o: number) => Position) {
  const start = node.range?.[0] ?? 0
  const body = source.slice(start, node.range?.[1] ?? start)
  const header = body.indexOf('\n')
  const lines = body.slice(header + 1).split('\n')
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length))
  const first = at(start + header + 1)
  const value = String(node.value)
  const lineStarts = [0]
  for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) lineStarts.push(i + 1)
  return (offset: number): Position => {
    let k = lineStarts.length - 1
    while (k > 0 && (lineStarts[k] as number) > offset) k--
    return {
      line: first.line + k,
      column: 1 + (Number.isFinite(indent) ? indent : 0) + offset - (lineStarts[k] as number),
    }
  }
}

function yamlSegments(text: string): ShellSegment[] {
  const at = offsetPositions(text)
  const out: ShellSegment[] = []
  for (const doc of parseAllDocuments(text)) {
    if (!('contents' in doc) || doc.errors.length) continue
    visit(doc, {
      Scalar(_, node) {
        if (!isScalar(node) || typeof node.value !== 'string' || !/\bdocker\b/.test(node.value)) return
        const start = node.range?.[0] ?? 0
        const value = node.value
        let position: (o: number) => Position
        const oneLine = !value.replace(/\n$/, '').includes('\n')
        if (node.type === 'BLOCK_LITERAL' || (node.type === 'BLOCK_FOLDED' && oneLine)) {
          position = blockLiteralPositions(text, node, at)
        } else {
          // A one-line scalar written without escapes maps offset for offset; anything else to its start.
          const quote = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0
          const verbatim = !value.includes('\n') && text.startsWith(value, start + quote)
          position = verbatim ? (o) => at(start + quote + o) : () => at(start)
        }
        out.push({ text: value, position })
      },
    })
  }
  return out
}

/**
 * The shell text in a file, with positions: a shell script whole, a Makefile's recipes and variable
 * values, every string in a YAML file that mentions docker (GitHub Actions `run:`, GitLab `script:`,
 * ...), nothing in a Dockerfile.
 *
 * @example shellSegments('Makefile', 'up:\n\tdocker run -d app\n')[0]?.position(5) // { line: 2, column: 5 }
 */
export function shellSegments(path: string, text: string): ShellSegment[] {
  switch (shellFileKind(path)) {
    case 'dockerfile':
      return []
    case 'yaml':
      return yamlSegments(text)
    case 'makefile':
      return [{ text: makefileShell(text), position: offsetPositions(text) }]
    default:
      return [{ text, position: offsetPositions(text) }]
  }
}
