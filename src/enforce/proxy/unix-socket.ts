import * as fs from 'node:fs'
import * as net from 'node:net'
import * as path from 'node:path'
import { AirlockError } from '../../errors.js'

/** True when something accepts connections on the unix socket at `p`. */
function answers(p: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createConnection({ path: p })
    s.once('connect', () => {
      s.destroy()
      resolve(true)
    })
    s.once('error', () => resolve(false))
  })
}

/**
 * Makes `p` free for a new unix socket: creates the parent directory, removes a stale socket left by
 * a process that died, and refuses to touch a live socket or anything that is not a socket.
 *
 * @example await freeSocketPath('/run/airlock/docker.sock')
 */
export async function freeSocketPath(p: string): Promise<void> {
  fs.mkdirSync(path.dirname(p), { recursive: true, mode: 0o755 })
  let st: fs.Stats
  try {
    st = fs.lstatSync(p)
  } catch {
    return
  }
  if (!st.isSocket())
    throw new AirlockError('E_LISTEN', `${p} exists and is not a socket: remove it or listen elsewhere`)
  if (await answers(p)) throw new AirlockError('E_LISTEN', `${p} is in use by another process`)
  fs.unlinkSync(p)
}

/** Who may use a unix socket: mode and optional owner and group. */
export interface SocketAccess {
  mode: number
  uid?: number
  gid?: number
}

/**
 * Applies mode and ownership to a listening unix socket.
 *
 * @example applySocketAccess('/run/airlock/docker.sock', { mode: 0o660, gid: 998 })
 */
export function applySocketAccess(p: string, access: SocketAccess): void {
  fs.chmodSync(p, access.mode)
  if (access.uid !== undefined || access.gid !== undefined)
    fs.chownSync(p, access.uid ?? -1, access.gid ?? -1)
}
