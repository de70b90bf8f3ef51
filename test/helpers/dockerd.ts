import { spawn } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { dockerdCommand, findDockerd } from './dockerd-command.js'
import { claimNetwork, type DaemonNetwork, releaseNetwork } from './dockerd-network.js'
import { type DaemonOwner, OWNER_FILE, reapStaleDaemons } from './dockerd-reaper.js'
import { track } from './dockerd-registry.js'
import { DAEMON_DIR_PREFIX, killContainers, sleepSync, teardownDaemonDir } from './dockerd-teardown.js'
import { engineRequest } from './engine-request.js'
import { tailFile } from './log-tail.js'
import { isAlive } from './process-tree.js'
import { sharedDockerd } from './shared-dockerd.js'

/** A running Docker daemon the tests may use. */
export interface Dockerd {
  /** Path of the API socket. */
  socket: string
  /** DOCKER_HOST form of the socket: `unix:///tmp/airlock-dockerd-…/docker.sock`. */
  host: string
  /** Directory holding data-root, exec-root, socket, daemon.json and dockerd.log. */
  dir: string
  pid: number
  /** True for the run-wide daemon of scripts/test.mjs: `stop()` then does nothing. */
  shared: boolean
  /** The daemon's private bridge and address range (undefined for a shared handle). */
  network: DaemonNetwork | undefined
  /** SIGTERM, SIGKILL after the stop timeout, then remove processes, mounts, dir and bridge. */
  stop(): Promise<void>
  /** The last lines of the daemon's log (kept after stop). */
  logTail(lines?: number): string
}

export interface StartDockerdOptions {
  /** Return the run-wide daemon named by AIRLOCK_TEST_DOCKER_HOST when set. Default true. */
  reuse?: boolean
  /** Extra dockerd flags, e.g. `['--authorization-plugin=airlock-test']`. */
  args?: readonly string[]
  /** Contents of the daemon.json passed with --config-file (default `{}`). */
  config?: Readonly<Record<string, unknown>>
  /** Default 60 s. */
  startTimeoutMs?: number
  /** Time between SIGTERM and SIGKILL. Default 15 s. */
  stopTimeoutMs?: number
}

async function pingOnce(socket: string): Promise<boolean> {
  try {
    const res = await engineRequest(socket, { path: '/_ping', timeoutMs: 2000 })
    return res.status === 200 && res.text === 'OK'
  } catch {
    return false
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  if (pid <= 0) return // never signal a process group
  try {
    process.kill(pid, sig)
  } catch {
    // already gone
  }
}

/**
 * Starts a private Docker daemon in a new directory under the OS temp dir, on its own bridge, and
 * waits until `GET /_ping` answers OK. The daemon is stopped when the process exits or is
 * interrupted if you do not stop it. With AIRLOCK_TEST_DOCKER_HOST set (scripts/test.mjs sets it)
 * and `reuse` not false, returns a handle to that run-wide daemon instead.
 *
 * @example
 * const daemon = await startDockerd()
 * after(() => daemon.stop())
 * const r = await docker(['version'], { host: daemon.host })
 *
 * @example
 * // A daemon of your own with extra flags, even during `npm test`:
 * const d = await startDockerd({ reuse: false, args: ['--authorization-plugin=airlock-test'] })
 */
export async function startDockerd(opts: StartDockerdOptions = {}): Promise<Dockerd> {
  const shared = opts.reuse === false ? undefined : sharedDockerd()
  if (shared) {
    if (!(await pingOnce(shared.socket))) {
      throw new Error(
        `the shared test daemon at ${shared.host} does not answer /_ping\n${shared.logTail(30)}`,
      )
    }
    return shared
  }
  const dockerd = findDockerd()
  reapStaleDaemons()
  const dir = mkdtempSync(join(tmpdir(), DAEMON_DIR_PREFIX))
  const socket = join(dir, 'docker.sock')
  const logFile = join(dir, 'dockerd.log')
  let net: DaemonNetwork | undefined
  let command: { cmd: string; args: string[] }
  try {
    net = claimNetwork(dir)
    command = dockerdCommand(dockerd, dir, net, opts.args ?? [])
  } catch (e) {
    if (net) releaseNetwork(net)
    teardownDaemonDir(dir)
    throw e
  }
  writeFileSync(join(dir, 'daemon.json'), JSON.stringify(opts.config ?? {}, null, 2))
  const network = net
  const owner: DaemonOwner = { ownerPid: process.pid, network }
  writeFileSync(join(dir, OWNER_FILE), JSON.stringify(owner))
  const log = openSync(logFile, 'a')
  if (network.warnings.length > 0)
    writeFileSync(log, `airlock test harness: ${network.warnings.join('; ')}\n`)
  const child = spawn(command.cmd, command.args, { stdio: ['ignore', log, log] })
  closeSync(log)
  child.unref()
  let exited: string | undefined
  child.on('error', (e) => {
    exited = `could not start ${command.cmd}: ${e.message}`
  })
  child.on('exit', (code, sig) => {
    exited = `dockerd exited (code ${code}, signal ${sig})`
  })
  const pid = child.pid ?? 0
  writeFileSync(join(dir, OWNER_FILE), JSON.stringify({ ...owner, dockerdPid: pid }))

  const stopTimeoutMs = opts.stopTimeoutMs ?? 15_000
  let lastLog = ''
  let stopping: Promise<void> | undefined
  let finished = false
  const finish = () => {
    if (finished) return
    finished = true
    lastLog = tailFile(logFile, 200)
    untrack()
    try {
      teardownDaemonDir(dir)
    } finally {
      releaseNetwork(network)
    }
  }
  const untrack = track({
    stopSync: () => {
      signal(pid, 'SIGTERM')
      killContainers(dir)
      for (let t = 0; t < stopTimeoutMs && isAlive(pid); t += 100) sleepSync(100)
      try {
        finish() // SIGKILLs dockerd too if it is still there
      } catch (e) {
        process.stderr.write(`airlock test harness: ${(e as Error).message}\n`)
      }
    },
  })
  const daemon: Dockerd = {
    socket,
    host: `unix://${socket}`,
    dir,
    pid,
    shared: false,
    network,
    logTail: (lines = 50) => (lastLog || tailFile(logFile, 200)).split('\n').slice(-lines).join('\n'),
    stop: () => {
      stopping ??= (async () => {
        signal(pid, 'SIGTERM')
        killContainers(dir)
        for (let t = 0; t < stopTimeoutMs && isAlive(pid); t += 100) await sleep(100)
        finish()
      })()
      return stopping
    },
  }

  const startTimeoutMs = opts.startTimeoutMs ?? 60_000
  const deadline = Date.now() + startTimeoutMs
  for (;;) {
    if (await pingOnce(socket)) return daemon
    const why =
      exited ?? (Date.now() > deadline ? `no answer to /_ping within ${startTimeoutMs} ms` : undefined)
    if (why !== undefined) {
      const tail = daemon
        .logTail(200)
        .split('\n')
        .filter((line) => !line.includes('module=grpc'))
        .slice(-30)
        .join('\n')
      await daemon.stop().catch(() => {})
      throw new Error(`test dockerd in ${dir} failed to start: ${why}\n--- dockerd.log (tail) ---\n${tail}`)
    }
    await sleep(100)
  }
}
