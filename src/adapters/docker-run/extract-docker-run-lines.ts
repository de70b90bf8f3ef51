import type { SourceLocation } from '../workload.js'
import { parseShell, type ShellWord } from './parse-shell.js'
import { type ShellSegment, shellSegments } from './shell-segments.js'
import { splitDockerCommand } from './split-docker-command.js'

/** A `docker run` / `docker create` command found in a file. */
export interface DockerRunLine {
  /** The command's words from `docker` on, shell quoting removed, `$VAR` kept as written. */
  argv: string[]
  /** From the `docker` word to the end of the last argument. */
  location: SourceLocation
  /** Where each word of `argv` was written. */
  words: SourceLocation[]
}

const PREFIX = new Set([
  'if',
  'then',
  'else',
  'elif',
  'do',
  'while',
  'until',
  '!',
  '{',
  'time',
  'exec',
  'nohup',
  'command',
  'builtin',
  'xargs',
])
const SUDO_WITH_VALUE = new Set([
  '-u',
  '-g',
  '-h',
  '-p',
  '-C',
  '-D',
  '-r',
  '-t',
  '-U',
  '-T',
  '--user',
  '--group',
  '--host',
  '--prompt',
  '--chdir',
  '--role',
  '--type',
  '--other-user',
  '--command-timeout',
])

function skipOptions(words: readonly string[], i: number, withValue: ReadonlySet<string>): number {
  while (i < words.length && (words[i] as string).startsWith('-')) {
    const w = words[i] as string
    if (w === '--') return i + 1
    i += withValue.has(w) ? 2 : 1
  }
  return i
}

/** Index of the `docker` word in a command, past `sudo`, `env`, assignments and shell keywords. */
function dockerIndex(words: readonly string[]): number {
  let i = 0
  while (i < words.length) {
    const w = words[i] as string
    const base = w.slice(w.lastIndexOf('/') + 1)
    if (PREFIX.has(w) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++
    else if (base === 'sudo' || base === 'doas') i = skipOptions(words, i + 1, SUDO_WITH_VALUE)
    else if (base === 'env') i = skipOptions(words, i + 1, new Set(['-u', '--unset', '-C', '--chdir']))
    else if (base === 'timeout')
      i = skipOptions(words, i + 1, new Set(['-k', '-s', '--kill-after', '--signal'])) + 1
    else return i
  }
  return i
}

function location(file: string, seg: ShellSegment, first: ShellWord, last: ShellWord): SourceLocation {
  const start = seg.position(first.start)
  const end = seg.position(last.end)
  return { file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column }
}

/**
 * Finds the `docker run`, `docker create` and `docker container run|create` commands in a shell
 * script, a Makefile (recipes and variables; `$(VAR)` stays a word) or a CI YAML file (any string
 * that holds shell: GitHub Actions `run:`, GitLab `script:`, ...): line continuations, `sudo` and
 * `env` prefixes, `$(docker run ...)`, commands joined by `&&`, `;`, `|`, quoting as the shell reads
 * it. Dockerfiles yield nothing (their RUN lines are build steps).
 *
 * @example extractDockerRunLines('run.sh', 'sudo docker run \\\n  --privileged alpine')[0]?.argv
 * // ['docker', 'run', '--privileged', 'alpine']
 */
export function extractDockerRunLines(path: string, text: string): DockerRunLine[] {
  const out: DockerRunLine[] = []
  for (const seg of shellSegments(path, text)) {
    for (const cmd of parseShell(seg.text).commands) {
      const words = cmd.words.slice(dockerIndex(cmd.words.map((w) => w.text)))
      const argv = words.map((w) => w.text)
      if (!splitDockerCommand(argv)) continue
      out.push({
        argv,
        location: location(path, seg, words[0] as ShellWord, words[words.length - 1] as ShellWord),
        words: words.map((w) => location(path, seg, w, w)),
      })
    }
  }
  return out.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column)
}
