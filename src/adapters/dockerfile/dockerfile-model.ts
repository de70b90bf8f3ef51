import { DockerfileParser, type Instruction } from 'dockerfile-ast'
import type {
  DockerfileInstruction,
  DockerfileModel,
  DockerfileStage,
  DockerfileUser,
  RunCommand,
} from '../../model/dockerfile.js'
import { parseShell } from '../docker-run/parse-shell.js'
import type { SourceError } from '../workload.js'
import { type DockerfileScope, substituteVariables } from './substitute-variables.js'

const KEYWORDS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
])
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh'])

interface StageState {
  vars: Map<string, string | undefined>
  env: Map<string, string | undefined>
  user: DockerfileUser | undefined
  healthcheck: DockerfileModel['healthcheck']
  exposes: DockerfileModel['exposes']
}

function offsets(text: string): (pos: { line: number; character: number }) => number {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return (pos) => (starts[pos.line] ?? text.length) + pos.character
}

function flagsOf(instr: Instruction): Record<string, string> {
  const out: Record<string, string> = {}
  const withFlags = instr as Instruction & {
    getFlags?: () => { getName(): string; getValue(): string | null }[]
  }
  for (const f of withFlags.getFlags?.() ?? []) out[f.getName()] = f.getValue() ?? ''
  return out
}

/** The command part of a RUN/ADD text: what follows its `--flag[=value]` words. */
function withoutFlags(text: string): string {
  return text.replace(/^(?:\s*--[^\s]+)*\s*/, '')
}

function jsonArray(text: string): string[] | undefined {
  if (!text.startsWith('[')) return undefined
  try {
    const v: unknown = JSON.parse(text)
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined
  } catch {
    return undefined
  }
}

function runCommands(text: string, escapeChar: string): RunCommand[] {
  const body = withoutFlags(text)
  const exec = jsonArray(body)
  if (exec) return [{ words: exec, next: undefined }]
  const joined = escapeChar === '`' ? body.replace(/`\r?\n/g, '') : body
  const shell = joined
    .split('\n')
    .filter((l, i) => i === 0 || !l.trimStart().startsWith('#'))
    .join('\n')
  const parsed = parseShell(shell)
  const commands = [...parsed.commands]
  const program = commands[0]?.words[0]?.text ?? ''
  if (
    parsed.heredocs.length &&
    (commands.length === 0 || SHELLS.has(program.slice(program.lastIndexOf('/') + 1)))
  ) {
    for (const h of parsed.heredocs) commands.push(...parseShell(h.body).commands)
  }
  return commands.map((c) => ({ words: c.words.map((w) => w.text), next: c.next }))
}

function resolved(word: string, scope: DockerfileScope): string | undefined {
  const s = substituteVariables(word, scope)
  return s.unresolved ? undefined : s.value
}

class ModelBuilder {
  readonly errors: SourceError[] = []
  readonly model: DockerfileModel
  private readonly global = new Map<string, string | undefined>()
  private readonly states: StageState[] = []

  constructor(
    private readonly file: string,
    private readonly source: string,
  ) {
    this.model = {
      file,
      instructions: [],
      stages: [],
      args: [],
      env: [],
      user: undefined,
      healthcheck: undefined,
      exposes: [],
      adds: [],
      runs: [],
    }
  }

  build(): void {
    const df = DockerfileParser.parse(this.source)
    const escapeChar = df.getEscapeCharacter()
    const at = offsets(this.source)
    for (const instr of df.getInstructions()) {
      const range = instr.getRange()
      const keyword = instr.getKeyword().toUpperCase()
      const info: DockerfileInstruction = {
        keyword,
        text: this.source.slice(at(instr.getInstructionRange().end), at(range.end)).trim(),
        flags: flagsOf(instr),
        stage: this.states.length - 1,
        line: range.start.line + 1,
        column: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: range.end.character + 1,
      }
      const index = this.model.instructions.length
      if (keyword === 'FROM') info.stage = this.states.length
      this.model.instructions.push(info)
      this.apply(instr, info, index, escapeChar)
    }
    const final = this.states.at(-1)
    if (!final) {
      this.errors.push({
        message: 'the Dockerfile has no FROM instruction',
        location: { file: this.file, line: 1, column: 1 },
      })
      return
    }
    this.model.user = final.user
    this.model.healthcheck = final.healthcheck
    this.model.exposes = final.exposes
  }

  private fail(message: string, info: DockerfileInstruction): void {
    this.errors.push({
      message,
      location: {
        file: this.file,
        line: info.line,
        column: info.column,
        endLine: info.endLine,
        endColumn: info.endColumn,
      },
    })
  }

  private apply(instr: Instruction, info: DockerfileInstruction, index: number, escapeChar: string): void {
    const { keyword } = info
    const state = this.states.at(-1)
    if (!KEYWORDS.has(keyword)) this.fail(`unknown instruction: ${instr.getKeyword()}`, info)
    else if (keyword === 'FROM') this.from(instr, index)
    else if (keyword === 'ARG') this.arg(instr, index, state)
    else if (!state) this.fail(`${keyword} before the first FROM: no build stage in current context`, info)
    else this.stageInstruction(instr, info, index, escapeChar, state)
  }

  private stageInstruction(
    instr: Instruction,
    info: DockerfileInstruction,
    index: number,
    escapeChar: string,
    state: StageState,
  ): void {
    const args = instr.getArguments().map((a) => a.getValue())
    switch (info.keyword) {
      case 'ENV':
        this.envs(instr, index, state)
        break
      case 'USER': {
        const written = args.join(' ')
        state.user = { written, value: resolved(written, state.vars), instruction: index }
        break
      }
      case 'HEALTHCHECK':
        state.healthcheck = { none: (args[0] ?? '').toUpperCase() === 'NONE', instruction: index }
        break
      case 'EXPOSE':
        for (const a of args) {
          const p = substituteVariables(a, state.vars).value.toLowerCase()
          state.exposes.push({ port: p.includes('/') ? p : `${p}/tcp`, instruction: index })
        }
        break
      case 'ADD': {
        const words = jsonArray(withoutFlags(info.text)) ?? args
        const sources = words.slice(0, -1).map((w) => substituteVariables(w, state.vars).value)
        this.model.adds.push({ sources, checksum: info.flags['checksum'], instruction: index })
        break
      }
      case 'RUN':
        this.model.runs.push({ commands: runCommands(info.text, escapeChar), instruction: index })
        break
      default:
        break
    }
  }

  private from(instr: Instruction, index: number): void {
    const args = instr.getArguments().map((a) => a.getValue())
    const written = args[0] ?? ''
    const image = resolved(written, this.global)
    const name = args[1]?.toUpperCase() === 'AS' ? args[2]?.toLowerCase() : undefined
    const parent =
      image === undefined ? -1 : this.model.stages.findIndex((s) => s.name === image.toLowerCase())
    const stage: DockerfileStage = {
      index: this.states.length,
      name,
      instruction: index,
      written,
      image,
      fromStage: parent < 0 ? undefined : parent,
    }
    const base = parent < 0 ? undefined : this.states[parent]
    this.model.stages.push(stage)
    this.states.push({
      vars: new Map(base?.env ?? []),
      env: new Map(base?.env ?? []),
      user: base?.user,
      healthcheck: base?.healthcheck,
      exposes: [...(base?.exposes ?? [])],
    })
  }

  private arg(instr: Instruction, index: number, state: StageState | undefined): void {
    const props = (
      instr as Instruction & { getProperties(): { getName(): string; getValue(): string | null }[] }
    ).getProperties()
    for (const p of props) {
      const name = p.getName()
      const raw = p.getValue()
      let value: string | undefined
      if (!state) {
        value = raw === null ? undefined : resolved(raw, this.global)
        this.global.set(name, value)
      } else {
        value = raw !== null ? resolved(raw, state.vars) : this.global.get(name)
        state.vars.set(name, value)
      }
      this.model.args.push({ name, value, instruction: index, stage: this.states.length - 1 })
    }
  }

  private envs(instr: Instruction, index: number, state: StageState): void {
    const props = (
      instr as Instruction & { getProperties(): { getName(): string; getValue(): string | null }[] }
    ).getProperties()
    for (const p of props) {
      const raw = p.getValue() ?? ''
      const s = substituteVariables(raw, state.vars)
      const value = s.unresolved ? undefined : s.value
      state.vars.set(p.getName(), value)
      state.env.set(p.getName(), value)
      this.model.env.push({
        name: p.getName(),
        value: value ?? raw,
        instruction: index,
        stage: this.states.length - 1,
      })
    }
  }
}

/**
 * Parses a Dockerfile (with dockerfile-ast) into the model the Dockerfile rules check: every
 * instruction with its location; stages with their base image (global ARG defaults substituted)
 * and the earlier stage they build on; ARG defaults and ENV values resolved as BuildKit resolves
 * them (`${VAR:-default}` and friends); the final stage's effective USER, HEALTHCHECK and EXPOSEd
 * ports, inherited through `FROM <stage>`; ADD sources; RUN commands split as the shell reads them,
 * here-document scripts included. Unknown instructions, instructions before the first FROM and a
 * Dockerfile without FROM are reported in `errors`.
 *
 * @example dockerfileModel('Dockerfile', 'FROM alpine:3.20\nUSER app\n').model.user?.value // 'app'
 */
export function dockerfileModel(
  path: string,
  text: string,
): { model: DockerfileModel; errors: SourceError[] } {
  const b = new ModelBuilder(path, text)
  b.build()
  return { model: b.model, errors: b.errors }
}
