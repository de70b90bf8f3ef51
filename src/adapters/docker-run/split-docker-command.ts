/** The docker CLI's global options that take a value (`docker --context prod run ...`). */
const GLOBAL_WITH_VALUE = new Set([
  '--config',
  '-c',
  '--context',
  '-H',
  '--host',
  '-l',
  '--log-level',
  '--tlscacert',
  '--tlscert',
  '--tlskey',
])
const GLOBAL_BOOL = new Set(['-D', '--debug', '--tls', '--tlsverify'])

/** A `docker run` or `docker create` command line: which one, and where its own arguments start. */
export interface DockerCommand {
  subcommand: 'run' | 'create'
  /** Index of the first argument after `run` / `create`. */
  argsFrom: number
}

function isDocker(word: string): boolean {
  return word === 'docker' || word.endsWith('/docker')
}

/**
 * Recognizes `docker [global options] [container] run|create ...` in a command's words (`docker` may
 * be a path such as `/usr/bin/docker`). Undefined for any other command.
 *
 * @example splitDockerCommand(['docker', '--context', 'ci', 'container', 'run', 'alpine'])
 * // { subcommand: 'run', argsFrom: 5 }
 */
export function splitDockerCommand(words: readonly string[]): DockerCommand | undefined {
  if (!isDocker(words[0] ?? '')) return undefined
  let i = 1
  while (i < words.length) {
    const w = words[i] as string
    if (GLOBAL_BOOL.has(w) || /^--[a-z-]+=/.test(w)) i++
    else if (GLOBAL_WITH_VALUE.has(w)) i += 2
    else break
  }
  if (words[i] === 'container') i++
  const sub = words[i]
  if (sub !== 'run' && sub !== 'create') return undefined
  return { subcommand: sub, argsFrom: i + 1 }
}
