import { join } from 'node:path'
import type { Dockerd } from './dockerd.js'
import { tailFile } from './log-tail.js'

/**
 * Environment variables through which `scripts/test.mjs` hands its one daemon to every test file.
 * Set AIRLOCK_TEST_DOCKER_HOST yourself to run tests against a daemon you started.
 */
export const SHARED_DOCKERD_ENV = {
  host: 'AIRLOCK_TEST_DOCKER_HOST',
  socket: 'AIRLOCK_TEST_DOCKER_SOCKET',
  dir: 'AIRLOCK_TEST_DOCKER_DIR',
  pid: 'AIRLOCK_TEST_DOCKER_PID',
} as const

/**
 * The variables that make {@link sharedDockerd} (and so `startDockerd()`) return `d` in child
 * processes.
 *
 * @example
 * spawn('node', ['--test', ...files], { env: { ...process.env, ...sharedDockerdEnv(daemon) } })
 */
export function sharedDockerdEnv(d: Dockerd): Record<string, string> {
  return {
    [SHARED_DOCKERD_ENV.host]: d.host,
    [SHARED_DOCKERD_ENV.socket]: d.socket,
    [SHARED_DOCKERD_ENV.dir]: d.dir,
    [SHARED_DOCKERD_ENV.pid]: String(d.pid),
  }
}

/**
 * A handle to the daemon named by AIRLOCK_TEST_DOCKER_HOST, or `undefined` when it is not set.
 * The handle's `stop()` does nothing: whoever started the daemon stops it.
 *
 * @example
 * const d = sharedDockerd() ?? (await startDockerd({ reuse: false }))
 */
export function sharedDockerd(): Dockerd | undefined {
  const host = process.env[SHARED_DOCKERD_ENV.host]
  if (!host) return undefined
  const socket = process.env[SHARED_DOCKERD_ENV.socket] || host.replace(/^unix:\/\//, '')
  const dir = process.env[SHARED_DOCKERD_ENV.dir] ?? ''
  return {
    host,
    socket,
    dir,
    pid: Number(process.env[SHARED_DOCKERD_ENV.pid] ?? 0),
    shared: true,
    network: undefined,
    stop: async () => {},
    logTail: (lines = 50) => (dir ? tailFile(join(dir, 'dockerd.log'), lines) : ''),
  }
}
