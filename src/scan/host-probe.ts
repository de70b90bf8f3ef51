import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'

/** What the scanner may look at on the machine it runs on; tests pass a fake. */
export interface HostProbe {
  stat(path: string): { uid: number; gid: number; mode: number } | undefined
  readFile(path: string): string | undefined
  listDir(path: string): string[] | undefined
  /** Command lines of running `dockerd` processes. */
  dockerdCommandLines(): string[][]
  groupName(gid: number): string | undefined
}

/**
 * The real machine: `fs.stat`, files readable by the current user, `/proc/<pid>/cmdline`, /etc/group.
 * Everything that cannot be read is `undefined`: the posture then leaves it out.
 *
 * @example localHostProbe().stat('/var/run/docker.sock')?.mode // 0o660
 */
export function localHostProbe(): HostProbe {
  let groups: Map<number, string> | undefined
  return {
    stat(path) {
      try {
        const s = statSync(path)
        return { uid: s.uid, gid: s.gid, mode: s.mode & 0o7777 }
      } catch {
        return undefined
      }
    },
    readFile(path) {
      try {
        return readFileSync(path, 'utf8')
      } catch {
        return undefined
      }
    },
    listDir(path) {
      try {
        return readdirSync(path).sort()
      } catch {
        return undefined
      }
    },
    dockerdCommandLines() {
      const out: string[][] = []
      let pids: string[]
      try {
        pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d))
      } catch {
        return out
      }
      for (const pid of pids) {
        try {
          const argv = readFileSync(join('/proc', pid, 'cmdline'), 'utf8')
            .split('\0')
            .filter((a) => a !== '')
          if (argv[0] && basename(argv[0]) === 'dockerd') out.push(argv)
        } catch {
          // gone, or not ours to read
        }
      }
      return out
    },
    groupName(gid) {
      if (!groups) {
        groups = new Map()
        try {
          for (const line of readFileSync('/etc/group', 'utf8').split('\n')) {
            const [name, , id] = line.split(':')
            if (name && id && /^\d+$/.test(id)) groups.set(Number(id), name)
          }
        } catch {
          // no /etc/group: names stay unknown
        }
      }
      return groups.get(gid)
    },
  }
}
