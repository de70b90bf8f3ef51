import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http'
import { errorMessage } from '../../errors.js'
import { bodyIncomplete, bodyTooLarge } from './body-limit.js'
import type { ProxyDeps } from './deps.js'
import type { Exchange } from './exchange.js'
import { type OutgoingBody, outgoingBody } from './forward-body.js'
import { forwardRequestHeaders, forwardResponseHeaders } from './forward-headers.js'
import { dockerErrorBody } from './refusal.js'

/**
 * How a forwarded exchange ended. `error`: Airlock or the daemon failed it (recorded as an error);
 * `ended`: it was cut short by the client, which is normal for streams (recorded as allowed, with
 * the note).
 */
export interface ForwardOutcome {
  error?: string
  ended?: string
}

/** Retrying is safe: the request was never read by the daemon (a pooled connection it had closed). */
function retryable(err: NodeJS.ErrnoException, reused: boolean, body: OutgoingBody): boolean {
  return (
    reused &&
    body.kind !== 'stream' &&
    body.kind !== 'drain' &&
    (err.code === 'ECONNRESET' || err.code === 'EPIPE')
  )
}

function sendError(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent || res.destroyed) {
    res.destroy()
    return
  }
  const text = dockerErrorBody(message)
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    Connection: 'close',
  })
  res.end(text)
}

/**
 * Terminal pass — forward: sends the decided request to the daemon on a pooled connection (the
 * canonical target, filtered headers, Airlock's body) and streams the answer back unbuffered. The
 * daemon unreachable → 502; the client gone → the upstream request is aborted; a streamed body past
 * the limit → both sides aborted (413 while nothing was sent). Resolves when the exchange is over.
 *
 * @example const outcome = await forward(ex, deps, res)
 */
export function forward(ex: Exchange, deps: ProxyDeps, res: ServerResponse): Promise<ForwardOutcome> {
  const headers = forwardRequestHeaders(ex.rawHeaders)
  const body = outgoingBody(ex, headers)
  const path = ex.request?.forwardTarget ?? ex.target
  return new Promise<ForwardOutcome>((resolve) => {
    let settled = false
    let error: string | undefined
    const done = (why?: string, clientGone = false) => {
      if (settled) return
      settled = true
      if (why !== undefined && error === undefined) error = why
      if (error === undefined) resolve({})
      else resolve(clientGone ? { ended: error } : { error })
    }
    const fail = (status: number, message: string) => {
      if (!res.headersSent) ex.status = status
      sendError(res, status, message)
      done(message)
    }

    let current: ClientRequest | undefined
    res.on('close', () => {
      if (!res.writableFinished) {
        current?.destroy()
        done('the client closed the connection', true)
      }
    })
    res.on('finish', () => done())

    const start = (attempt: number) => {
      ex.forwardedAt ??= performance.now()
      const upReq = deps.upstream.request({ method: ex.method, path, headers })
      current = upReq
      let responded = false
      upReq.on('error', (err: NodeJS.ErrnoException) => {
        if (settled) return
        if (!responded && attempt === 0 && retryable(err, upReq.reusedSocket, body)) return start(1)
        deps.monitor?.onUpstreamError()
        if (!responded) {
          fail(502, `airlock: the Docker daemon at ${deps.upstream.url} is not reachable: ${err.message}`)
        } else {
          res.destroy()
          done(`the daemon connection failed mid-response: ${err.message}`)
        }
      })
      upReq.on('response', (upRes: IncomingMessage) => {
        responded = true
        ex.upstreamHeadAt = performance.now()
        const status = upRes.statusCode ?? 502
        ex.upstreamStatus = status
        ex.status = status
        res.writeHead(status, upRes.statusMessage, forwardResponseHeaders(upRes.rawHeaders))
        if (upRes.headers['content-length'] === undefined) res.flushHeaders()
        upRes.on('data', (c: Buffer) => {
          ex.responseBytes += c.length
        })
        upRes.on('aborted', () => {
          if (!settled) deps.monitor?.onUpstreamError()
          res.destroy()
          done('the daemon closed the connection mid-response')
        })
        upRes.on('error', () => res.destroy())
        upRes.pipe(res)
      })
      sendBody(upReq, attempt)
    }

    const sendBody = (upReq: ClientRequest, attempt: number) => {
      if (body.kind === 'buffer') {
        upReq.end(body.bytes)
        return
      }
      if (body.kind !== 'stream' && body.kind !== 'drain') {
        upReq.end()
        return
      }
      if (attempt > 0) return
      if (body.kind === 'drain') upReq.end()
      const src = ex.body.stream()
      const max = deps.limits.maxBody
      let sent = 0
      src.on('data', (chunk: Buffer) => {
        sent += chunk.length
        ex.digest.update(chunk)
        if (sent > max) {
          src.pause()
          upReq.destroy()
          const r = bodyTooLarge(max)
          fail(r.status, r.message)
          return
        }
        if (body.kind === 'stream' && !upReq.write(chunk)) src.pause()
      })
      upReq.on('drain', () => src.resume())
      src.on('end', () => {
        if (body.kind === 'stream') upReq.end()
      })
      src.on('close', () => {
        if ((src as IncomingMessage).complete === false && !settled) {
          upReq.destroy()
          const r = bodyIncomplete(sent)
          fail(r.status, r.message)
        }
      })
      src.on('error', (err) => {
        upReq.destroy()
        done(`reading the request body failed: ${errorMessage(err)}`)
      })
    }

    start(0)
  })
}
