import type { IncomingMessage } from 'node:http'
import type { Readable } from 'node:stream'
import { bodyIncomplete, bodyTooLarge } from './body-limit.js'
import type { BodySource } from './body-source.js'

/**
 * The body of a request Node's HTTP parser framed (Content-Length or chunked, already de-chunked).
 *
 * @example const body = incomingBody(req); const buf = await body.read(4 << 20)
 */
export function incomingBody(req: IncomingMessage): BodySource {
  const cl = req.headers['content-length']
  const declaredLength = cl === undefined ? undefined : Number(cl)
  const empty = req.headers['transfer-encoding'] === undefined && (declaredLength ?? 0) === 0
  return {
    declaredLength,
    empty,
    stream: (): Readable => req,
    read(max, onChunk) {
      if (empty) return Promise.resolve(Buffer.alloc(0))
      if (declaredLength !== undefined && declaredLength > max) return Promise.reject(bodyTooLarge(max))
      return new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = []
        let got = 0
        const cleanup = () => {
          req.off('data', onData)
          req.off('end', onEnd)
          req.off('close', onClose)
          req.off('error', onClose)
        }
        const onData = (chunk: Buffer) => {
          got += chunk.length
          if (got > max) {
            cleanup()
            req.pause()
            reject(bodyTooLarge(max))
            return
          }
          onChunk?.(chunk)
          chunks.push(chunk)
        }
        const onEnd = () => {
          cleanup()
          resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, got))
        }
        const onClose = () => {
          if (req.complete) return
          cleanup()
          reject(bodyIncomplete(got))
        }
        req.on('data', onData)
        req.on('end', onEnd)
        req.on('close', onClose)
        req.on('error', onClose)
      })
    },
  }
}
