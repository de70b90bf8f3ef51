import * as net from 'node:net'

/** A byte-forwarding unix socket in front of a daemon, which a test can cut, take down and bring back. */
export interface RelayHop {
  /** `unix://` URL of the hop. */
  readonly url: string
  /** Cuts every relayed connection; the hop keeps listening. */
  cutAll(): void
  /** Stops listening (the socket file goes) and cuts every relayed connection. */
  down(): Promise<void>
  /** Listens again after `down()`. */
  up(): Promise<void>
}

/**
 * Starts a relay at `path` that pipes each connection to `upstreamSocket`, so a test can make the
 * daemon unreachable (or drop connections mid-call) without stopping it.
 *
 * @example const hop = await relayHop(join(dir, 'hop.sock'), daemon.socket); await hop.down()
 */
export async function relayHop(path: string, upstreamSocket: string): Promise<RelayHop> {
  const conns = new Set<net.Socket>()
  let server: net.Server | undefined
  const cutAll = () => {
    for (const c of conns) c.destroy()
  }
  const up = async () => {
    if (server) return
    const s = net.createServer((c) => {
      const u = net.createConnection({ path: upstreamSocket })
      conns.add(c).add(u)
      c.pipe(u).pipe(c)
      const drop = () => {
        c.destroy()
        u.destroy()
        conns.delete(c)
        conns.delete(u)
      }
      c.on('error', drop).on('close', drop)
      u.on('error', drop).on('close', drop)
    })
    server = s
    await new Promise<void>((r) => s.listen(path, r))
  }
  const down = async () => {
    const s = server
    server = undefined
    if (!s) return
    const closed = new Promise<void>((r) => s.close(() => r()))
    cutAll()
    await closed
  }
  await up()
  return { url: `unix://${path}`, cutAll, down, up }
}
