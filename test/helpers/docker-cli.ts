import { existsSync } from 'node:fs'
import { clientEnv } from './client-env.js'
import { type ProcessResult, runProcess } from './run-process.js'

export { type EngineRequest, type EngineResponse, engineRequest } from './engine-request.js'
export { type RawRequestOptions, rawRequest } from './raw-request.js'

export interface CliOptions {
  /** The daemon to talk to, as DOCKER_HOST: `unix:///path/docker.sock` or `tcp://127.0.0.1:2375`. */
  host: string
  /** Written to the CLI's stdin, which is then closed. */
  input?: string | Buffer
  /** Extra environment variables on top of the clean client environment. */
  env?: Readonly<Record<string, string>>
  cwd?: string
  /** Default 60 s; the promise rejects (with the output so far) when exceeded. */
  timeoutMs?: number
}

/**
 * The docker CLI the tests drive: `$AIRLOCK_TEST_DOCKER_CLI`, else Debian's `/usr/bin/docker` (the
 * same release as the daemon), else `docker` on PATH.
 */
export function dockerCliPath(): string {
  const override = process.env['AIRLOCK_TEST_DOCKER_CLI']
  if (override) return override
  return existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker'
}

/** The docker-compose (v1) CLI: `$AIRLOCK_TEST_COMPOSE_CLI`, else `docker-compose` on PATH. */
export function composeCliPath(): string {
  return process.env['AIRLOCK_TEST_COMPOSE_CLI'] || 'docker-compose'
}

function run(cmd: string, args: readonly string[], opts: CliOptions): Promise<ProcessResult> {
  return runProcess(cmd, args, {
    env: clientEnv(opts.host, opts.env),
    ...(opts.cwd === undefined ? {} : { cwd: opts.cwd }),
    ...(opts.input === undefined ? {} : { input: opts.input }),
    ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
  })
}

/**
 * Runs the real docker CLI against `host` with a clean environment. Resolves with the exit code and
 * output whatever the code is; assert on them.
 *
 * @example
 * const r = await docker(['run', '--rm', BUSYBOX_IMAGE, 'echo', 'hi'], { host: daemon.host })
 * assert.equal(r.code, 0, r.stderr)
 * assert.equal(r.stdout, 'hi\n')
 */
export function docker(args: readonly string[], opts: CliOptions): Promise<ProcessResult> {
  return run(dockerCliPath(), args, opts)
}

/**
 * Runs docker-compose 1.29 against `host` in `cwd` (where docker-compose.yml lives).
 *
 * @example
 * const r = await compose(['-p', uniqueName('proj'), 'up', '-d'], { host: daemon.host, cwd: dir })
 * assert.equal(r.code, 0, r.stderr)
 */
export function compose(args: readonly string[], opts: CliOptions & { cwd: string }): Promise<ProcessResult> {
  return run(composeCliPath(), args, opts)
}
