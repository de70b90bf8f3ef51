import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { descendantsOf, isAlive, processesUnder, shimsUnder } from './process-tree.js'

/** Prefix of every directory a test daemon lives in; nothing else is ever unmounted or removed. */
export const DAEMON_DIR_PREFIX = 'airlock-dockerd-'

/** Blocks the thread (usable in `process.on('exit')`, where timers never fire). */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

function assertDaemonDir(dir: string): void {
  const parent = resolve(tmpdir())
  const abs = resolve(dir)
  if (resolve(abs, '..') !== parent || !abs.slice(parent.length + 1).startsWith(DAEMON_DIR_PREFIX)) {
    throw new Error(`refusing to tear down ${dir}: not a test daemon directory under ${parent}`)
  }
}

function mountsUnder(dir: string): string[] {
  const decodeOctal = (s: string) =>
    s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)))
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => decodeOctal(line.split(' ')[4] ?? ''))
    .filter((mp) => mp === dir || mp.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length)
}

/** cgroup directories dockerd (cgroupfs driver, default parent) made for these containers. */
function containerCgroups(ids: readonly string[]): string[] {
  const roots = ['/sys/fs/cgroup', ...readdirSync('/sys/fs/cgroup').map((c) => join('/sys/fs/cgroup', c))]
  return ids.flatMap((id) => roots.map((r) => join(r, 'docker', id))).filter((d) => existsSync(d))
}

function killAll(pids: Iterable<number>): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
}

function waitDead(pids: Iterable<number>, ms: number): void {
  const list = [...pids]
  for (let t = 0; t < ms && list.some(isAlive); t += 100) sleepSync(100)
}

/**
 * SIGKILLs every container process of the daemon whose files live in `dir` (found through its
 * runc shims and their cgroups) and returns their cgroup directories. Containers of a test daemon
 * need no graceful stop, and dockerd would wait 10 s for each one ignoring SIGTERM on shutdown.
 *
 * @example
 * process.kill(daemon.pid, 'SIGTERM')
 * killContainers(daemon.dir)
 */
export function killContainers(dir: string): string[] {
  const shims = shimsUnder(dir)
  const cgroups = containerCgroups(shims.map((s) => s.containerId))
  const pids = new Set(descendantsOf(shims.map((s) => s.pid)))
  for (const cg of cgroups) {
    try {
      for (const p of readFileSync(join(cg, 'cgroup.procs'), 'utf8').split('\n')) if (p) pids.add(Number(p))
    } catch {
      // removed meanwhile
    }
  }
  killAll(pids)
  waitDead(pids, 5000)
  return cgroups
}

/**
 * Removes everything a test daemon left in `dir` (which must be `$TMPDIR/airlock-dockerd-*`):
 * SIGKILLs remaining processes (dockerd, containerd, shims, container processes, docker-proxy),
 * removes container cgroups, unmounts overlay / netns / bind mounts under `dir` (deepest first,
 * lazily if busy) and deletes the directory. Synchronous so it also works in an exit handler.
 * Throws when the directory cannot be removed.
 *
 * @example
 * teardownDaemonDir('/tmp/airlock-dockerd-Ab12Cd') // after dockerd itself has exited
 */
export function teardownDaemonDir(dir: string): void {
  assertDaemonDir(dir)
  const cgroups = killContainers(dir)
  const pids = processesUnder(dir)
  killAll(pids)
  waitDead(pids, 5000)
  for (const cg of cgroups) {
    try {
      rmdirSync(cg)
    } catch {
      // still busy or already gone: harmless
    }
  }
  for (let round = 0; round < 5; round++) {
    const mounts = mountsUnder(dir)
    if (mounts.length === 0) break
    for (const mp of mounts) {
      if (spawnSync('umount', [mp]).status !== 0) spawnSync('umount', ['-l', mp])
    }
  }
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
  } catch (e) {
    throw new Error(`cannot remove test daemon directory ${dir}: ${(e as Error).message}`, { cause: e })
  }
}
