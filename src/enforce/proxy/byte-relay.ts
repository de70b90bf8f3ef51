import type { Socket } from 'node:net'

/** Bytes that went each way. */
export interface RelayCounts {
  /** From the client to the daemon. */
  up: number
  /** From the daemon to the client. */
  down: number
  /** Set when a side failed rather than closed. */
  error?: string
  /** The failing side was the client (normal for an interrupted `docker attach`). */
  clientGone?: boolean
}

/**
 * Relays bytes both ways between two connections, unchanged, until both directions are done. A
 * half-close travels through: when one side ends its writing, the other side's writing is ended and
 * the opposite direction stays open until it ends too (so `echo hi | docker run -i … cat` works). An
 * error or reset on either side closes both.
 *
 * @example const counts = await relayBytes(clientSocket, upstreamSocket)
 */
export function relayBytes(client: Socket, upstream: Socket): Promise<RelayCounts> {
  return new Promise((resolve) => {
    const counts: RelayCounts = { up: 0, down: 0 }
    let ended = 0
    let finished = false
    const finish = (error?: string, side?: 'up' | 'down') => {
      if (finished) return
      finished = true
      if (error !== undefined) counts.error = error
      if (error !== undefined && side === 'up') counts.clientGone = true
      client.destroy()
      upstream.destroy()
      resolve(counts)
    }
    const oneWay = (from: Socket, to: Socket, key: 'up' | 'down') => {
      from.on('data', (chunk: Buffer) => {
        counts[key] += chunk.length
        if (!to.write(chunk)) from.pause()
      })
      to.on('drain', () => from.resume())
      const onEnd = () => {
        to.end()
        ended++
        if (ended === 2) to.once('finish', () => finish())
      }
      // A client that sent its last bytes with the request may have ended already (Node emits 'end'
      // on a paused socket whose buffer is empty).
      if (from.readableEnded) queueMicrotask(onEnd)
      else from.on('end', onEnd)
      from.on('error', (err) => finish(err.message, key))
      // A closed socket can neither send nor take bytes: the exchange is over.
      from.on('close', () =>
        finish(
          from.readableEnded ? undefined : `${key === 'up' ? 'client' : 'daemon'} connection reset`,
          key,
        ),
      )
    }
    oneWay(client, upstream, 'up')
    oneWay(upstream, client, 'down')
    client.setTimeout(0)
    client.resume()
    upstream.resume()
  })
}
