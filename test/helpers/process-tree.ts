import { readdirSync, readFileSync } from 'node:fs'

interface ProcInfo {
  pid: number
  ppid: number
  state: string
  cmdline: string
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // comm may contain spaces and parentheses: the fields after it start at the last ')'.
    const [state = '', ppid = '0'] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
    return { pid, ppid: Number(ppid), state, cmdline }
  } catch {
    return undefined // gone meanwhile
  }
}

function allProcesses(): ProcInfo[] {
  const list: ProcInfo[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const p = readProc(Number(name))
    if (p) list.push(p)
  }
  return list
}

/** True while `pid` exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  const p = readProc(pid)
  return p !== undefined && p.state !== 'Z' && p.state !== 'X'
}

/** Every descendant of `roots` (children, grandchildren, …), not including `roots` themselves. */
export function descendantsOf(roots: Iterable<number>): number[] {
  const procs = allProcesses().filter((p) => p.state !== 'Z')
  const found = new Set(roots)
  const out: number[] = []
  for (let grew = true; grew; ) {
    grew = false
    for (const p of procs) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid)
        out.push(p.pid)
        grew = true
      }
    }
  }
  return out.filter((pid) => pid !== process.pid)
}

/**
 * Processes whose command line mentions a path inside `dir` (dockerd, containerd, the shims, which
 * detach from dockerd) plus all their descendants (container processes, docker-proxy). Never
 * includes this process.
 *
 * @example
 * for (const pid of processesUnder('/tmp/airlock-dockerd-Ab12Cd')) process.kill(pid, 'SIGKILL')
 */
export function processesUnder(dir: string): number[] {
  const direct = allProcesses()
    .filter((p) => p.state !== 'Z' && p.pid !== process.pid && p.cmdline.includes(`${dir}/`))
    .map((p) => p.pid)
  return [...direct, ...descendantsOf(direct)]
}

/** Pids of the runc shims serving a daemon whose files live in `dir`, with their container ids. */
export function shimsUnder(dir: string): { pid: number; containerId: string }[] {
  const shims: { pid: number; containerId: string }[] = []
  for (const p of allProcesses()) {
    if (!p.cmdline.includes('containerd-shim') || !p.cmdline.includes(`${dir}/`)) continue
    const m = / -id ([0-9a-f]{64})\b/.exec(p.cmdline)
    if (m) shims.push({ pid: p.pid, containerId: m[1]! })
  }
  return shims
}
