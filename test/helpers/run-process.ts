import { spawn } from 'node:child_process'

/** What a finished process printed and how it ended. */
export interface ProcessResult {
  /** Exit code; `null` when the process was killed by a signal. */
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface RunProcessOptions {
  /** The complete environment of the child (nothing is inherited unless you pass it). */
  env?: NodeJS.ProcessEnv
  cwd?: string
  /** Written to stdin, which is then closed. Without it stdin is empty. */
  input?: string | Buffer
  /** Kill the child (SIGKILL) and reject after this long. Default 60 s. */
  timeoutMs?: number
}

/**
 * Runs a program to completion and collects its output. Never throws for a non-zero exit code;
 * rejects only when the program cannot be started or exceeds `timeoutMs` (the error carries the
 * output so far).
 *
 * @example
 * const { code, stdout } = await runProcess('dockerd', ['--version'])
 */
export function runProcess(cmd: string, args: readonly string[], opts: RunProcessOptions = {}) {
  const timeoutMs = opts.timeoutMs ?? 60_000
  return new Promise<ProcessResult>((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => err.push(b))
    child.stdin.on('error', () => {}) // the child may exit before reading its input
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      const so = Buffer.concat(out).toString()
      const se = Buffer.concat(err).toString()
      reject(
        new Error(`${cmd} ${args.join(' ')}: timed out after ${timeoutMs} ms\nstdout: ${so}\nstderr: ${se}`),
      )
    }, timeoutMs)
    child.on('error', (e) => {
      clearTimeout(timer)
      reject(new Error(`cannot run ${cmd}: ${e.message}`, { cause: e }))
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() })
    })
    child.stdin.end(opts.input ?? '')
  })
}
