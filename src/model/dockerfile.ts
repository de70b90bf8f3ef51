/**
 * A Dockerfile as the scanner's Dockerfile rules see it: instructions with their locations, build
 * stages with resolved base images, and the facts the rules check (the final image's USER,
 * HEALTHCHECK and exposed ports, ARG and ENV values, ADD sources, RUN commands). Built by
 * `dockerfileModel()` in `adapters/dockerfile`; variables are substituted from ARG defaults and ENV.
 */
export interface DockerfileModel {
  file: string
  instructions: DockerfileInstruction[]
  stages: DockerfileStage[]
  /** Every ARG (global ones have stage -1) with its default resolved; undefined when it has none. */
  args: DockerfileVariable[]
  /** Every ENV variable of every stage, value resolved (unresolvable variables left as written). */
  env: DockerfileVariable[]
  /** The final stage's effective USER: its own last USER, else the one of the stage it is built FROM. */
  user: DockerfileUser | undefined
  /** The final stage's effective HEALTHCHECK (own, else inherited from the stage it is built FROM). */
  healthcheck: { none: boolean; instruction: number } | undefined
  /** Ports the final image exposes (its own EXPOSE and those of the stages it is built FROM): `22/tcp`, `8000-8010/udp`. */
  exposes: { port: string; instruction: number }[]
  /** ADD instructions of every stage: their sources (variables substituted) and `--checksum`. */
  adds: { sources: string[]; checksum: string | undefined; instruction: number }[]
  /** RUN instructions of every stage, split into shell commands (heredoc scripts included). */
  runs: { commands: RunCommand[]; instruction: number }[]
}

/** One instruction as written. */
export interface DockerfileInstruction {
  /** Upper case: `FROM`, `RUN`, `USER`, ... */
  keyword: string
  /** Everything after the keyword, as written (flags and line continuations included). */
  text: string
  /** Its flags (`--from`, `--checksum`, `--mount`, ...); a repeated flag keeps its last value. */
  flags: Record<string, string>
  /** The build stage it belongs to; -1 before the first FROM. */
  stage: number
  /** 1-based position of the keyword, and of the end of the instruction. */
  line: number
  column: number
  endLine: number
  endColumn: number
}

export interface DockerfileStage {
  index: number
  /** `AS name`, lower case, when given. */
  name: string | undefined
  /** Index of the stage's FROM in `instructions`. */
  instruction: number
  /** The base as written in FROM. */
  written: string
  /** The base with global ARGs substituted; undefined when a variable has no value. */
  image: string | undefined
  /** The earlier stage it is built FROM, when it names one. */
  fromStage: number | undefined
}

export interface DockerfileVariable {
  name: string
  value: string | undefined
  instruction: number
  stage: number
}

export interface DockerfileUser {
  /** As written in USER. */
  written: string
  /** With variables substituted; undefined when one has no value. */
  value: string | undefined
  instruction: number
}

/** One simple shell command of a RUN: its words and the operator after it (`|`, `&&`, `;`, ...). */
export interface RunCommand {
  words: string[]
  next: string | undefined
}

const SUDO_WITH_VALUE = new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T'])

/**
 * The program a shell command runs and what wraps it: leading `VAR=value` assignments, `env`,
 * `exec`, `nohup`, `time` and `sudo`/`doas` (with their options) are skipped; `wrappers` lists the
 * ones seen (`['sudo']`). The program is given by its base name (`/usr/bin/curl` is `curl`).
 *
 * @example runProgram(['sudo', '-E', '/usr/bin/apt-get', 'install', 'curl']) // { program: 'apt-get', args: ['install', 'curl'], wrappers: ['sudo'] }
 */
export function runProgram(words: readonly string[]): {
  program: string
  args: string[]
  wrappers: string[]
} {
  const wrappers: string[] = []
  let i = 0
  while (i < words.length) {
    const w = words[i] as string
    const base = w.slice(w.lastIndexOf('/') + 1)
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++
    else if (['env', 'exec', 'nohup', 'time', 'command'].includes(base)) i++
    else if (base === 'sudo' || base === 'doas') {
      wrappers.push(base)
      i++
      while (i < words.length && (words[i] as string).startsWith('-'))
        i += SUDO_WITH_VALUE.has(words[i] as string) ? 2 : 1
    } else {
      return { program: base, args: words.slice(i + 1), wrappers }
    }
  }
  return { program: '', args: [], wrappers }
}
