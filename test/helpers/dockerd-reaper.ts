import { readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type DaemonNetwork, reapStaleNetworks, releaseNetwork } from './dockerd-network.js'
import { DAEMON_DIR_PREFIX, teardownDaemonDir } from './dockerd-teardown.js'
import { isAlive } from './process-tree.js'

/** Written to `<dir>/owner.json` so a later run can tell a live daemon from a leftover. */
export interface DaemonOwner {
  ownerPid: number
  dockerdPid?: number
  network: DaemonNetwork
}

export const OWNER_FILE = 'owner.json'

/**
 * Tears down daemons left by test processes that died without cleaning up (SIGKILL, OOM, power
 * loss of a CI step): their directory, processes, mounts, bridge and FORWARD rule. A directory is
 * left alone while its owner process lives, or during its first minute when it has no owner file
 * yet. Best effort: never throws.
 *
 * @example
 * reapStaleDaemons() // before starting a new daemon
 */
export function reapStaleDaemons(): void {
  const root = tmpdir()
  for (const name of readdirSync(root)) {
    if (!name.startsWith(DAEMON_DIR_PREFIX)) continue
    const dir = join(root, name)
    try {
      let owner: DaemonOwner | undefined
      try {
        owner = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as DaemonOwner
      } catch {
        if (Date.now() - statSync(dir).mtimeMs < 60_000) continue
      }
      if (owner !== undefined && isAlive(owner.ownerPid)) continue
      teardownDaemonDir(dir)
      if (owner !== undefined) releaseNetwork(owner.network)
    } catch {
      // someone else is reaping it, or it cannot be removed: not our problem now
    }
  }
  try {
    reapStaleNetworks()
  } catch {
    // best effort
  }
}
