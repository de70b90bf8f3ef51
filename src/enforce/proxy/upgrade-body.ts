import type { Socket } from 'node:net'
import { bodyIncomplete, bodyTooLarge } from './body-limit.js'
import type { BodySource } from './body-source.js'
import { Refusal } from './refusal.js'

/** The body source of an Upgrade request, and the bytes the client sent after the body. */
export interface UpgradeBody extends BodySource {
  /** Bytes that arrived after the body: the start of the client's stream, held until the upgrade. */
  readonly early: () => Buffer
}

/**
 * The body of an Upgrade request, which Node does not parse: Content-Length bytes taken from `head`
 * (what Node read past the header) and then the socket. The socket is paused whenever Airlock is not
 * reading a body, so the client's stream waits until the daemon accepted the upgrade. A chunked
 * body is refused (400): dockerd's hijack handlers read only length-framed bodies.
 *
 * @example const body = upgradeBody(socket, head, req.headers); await body.read(4 << 20)
 */
export function upgradeBody(
  socket: Socket,
  head: Buffer,
  headers: { 'content-length'?: string | undefined; 'transfer-encoding'?: string | undefined },
): UpgradeBody {
  socket.pause()
  const cl = headers['content-length']
  const declaredLength = cl === undefined ? undefined : Number(cl)
  const chunked = headers['transfer-encoding'] !== undefined
  let pending = head
  return {
    declaredLength,
    empty: !chunked && (declaredLength ?? 0) === 0,
    early: () => pending,
    stream: () => {
      throw new Refusal(400, 'airlock: refused: an Upgrade request cannot stream a body', { close: true })
    },
    read(max, onChunk) {
      if (chunked) {
        return Promise.reject(
          new Refusal(
            400,
            'airlock: refused: a chunked body on an Upgrade request is not accepted; send Content-Length',
            {
              close: true,
            },
          ),
        )
      }
      const want = declaredLength ?? 0
      if (want > max) return Promise.reject(bodyTooLarge(max))
      const take = (): Buffer => {
        const body = pending.subarray(0, want)
        pending = pending.subarray(want)
        if (body.length) onChunk?.(body)
        return body
      }
      if (pending.length >= want) return Promise.resolve(take())
      return new Promise<Buffer>((resolve, reject) => {
        const cleanup = () => {
          socket.off('data', onData)
          socket.off('end', onEnd)
          socket.off('close', onEnd)
          socket.pause()
        }
        const onData = (chunk: Buffer) => {
          pending = pending.length ? Buffer.concat([pending, chunk]) : chunk
          if (pending.length >= want) {
            cleanup()
            resolve(take())
          }
        }
        const onEnd = () => {
          cleanup()
          reject(bodyIncomplete(pending.length))
        }
        socket.on('data', onData)
        socket.on('end', onEnd)
        socket.on('close', onEnd)
        socket.resume()
      })
    },
  }
}
