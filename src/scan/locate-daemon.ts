import { LineCounter, parseDocument } from 'yaml'
import type { SourceLocation } from '../adapters/workload.js'
import type { DaemonPosture } from '../model/daemon-posture.js'

/** A location without lines: a live object (`unix:///var/run/docker.sock`) or a whole file. */
const lineless = (file: string): SourceLocation => ({ file, line: 0, column: 0 })

/**
 * Where a daemon finding's posture path was written: the key in daemon.json it came from (when the
 * config was read), the file a file-permission finding is about, or else the daemon's address.
 *
 * @example locateDaemonPath(posture, configText)(['logLevel']) // { file: '/etc/docker/daemon.json', line: 3, column: 3 }
 */
export function locateDaemonPath(
  posture: DaemonPosture,
  configText?: string,
): (path: readonly (string | number)[]) => SourceLocation {
  let doc: { lc: LineCounter; doc: ReturnType<typeof parseDocument> } | undefined
  const inConfig = (origin: readonly (string | number)[]): SourceLocation | undefined => {
    if (!posture.config || configText === undefined) return undefined
    if (!doc) {
      const lc = new LineCounter()
      doc = { lc, doc: parseDocument(configText, { lineCounter: lc }) }
    }
    const node = doc.doc.getIn(origin, true) as { range?: [number, number, number] } | undefined
    if (!node?.range) return undefined
    const start = doc.lc.linePos(node.range[0])
    const end = doc.lc.linePos(node.range[1])
    return {
      file: posture.config.path,
      line: start.line,
      column: start.col,
      endLine: end.line,
      endColumn: end.col,
    }
  }
  return (path) => {
    const origins = posture.config?.origins ?? {}
    const origin = origins[path.slice(0, 2).join('.')] ?? origins[String(path[0])]
    const located = origin && inConfig(origin)
    if (located) return located
    if (path[0] === 'files' && typeof path[1] === 'number') {
      const f = posture.files[path[1]]
      if (f) return lineless(f.path)
    }
    return lineless(posture.host)
  }
}
