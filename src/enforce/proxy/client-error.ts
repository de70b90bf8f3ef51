import type { Socket } from 'node:net'
import { errorMessage } from '../../errors.js'
import { refusalRecord } from './audit-record.js'
import { BodyDigest } from './body-digest.js'
import { rawErrorResponse } from './client-side.js'
import type { ProxyDeps } from './deps.js'
import { type ListenerInfo, newExchange } from './exchange.js'
import { exchangeSummary } from './exchange-summary.js'
import { Refusal } from './refusal.js'

/** Status and message for an error of Node's HTTP parser. */
export function parserRefusal(err: NodeJS.ErrnoException): Refusal {
  const code = err.code ?? ''
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new Refusal(431, 'airlock: refused: the request headers are larger than 64 KiB', { close: true })
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'HPE_HEADERS_TIMEOUT') {
    return new Refusal(408, 'airlock: refused: the request headers did not arrive in time', { close: true })
  }
  const reason = (err as { reason?: string }).reason ?? err.message
  return new Refusal(400, `airlock: refused: malformed HTTP request (${code || 'parse error'}: ${reason})`, {
    close: true,
  })
}

/** Method and target from the first line of what the client sent, when readable. */
function requestLine(raw: Buffer | undefined): { method: string; target: string } {
  const line = raw?.subarray(0, 2048).toString('latin1').split('\r\n')[0] ?? ''
  const m = /^([A-Z]{1,16}) (\S{1,2000})/.exec(line)
  return m ? { method: m[1] as string, target: m[2] as string } : { method: '-', target: '' }
}

/**
 * Node's `clientError`: a request its strict parser refused (smuggling attempts, bad framing,
 * oversized headers). Replies with Docker's JSON error, records the refusal, and closes. Resets of
 * idle connections are not requests and are not recorded. The record is deferred (batched): the
 * caller is unknown and nothing was forwarded.
 *
 * @example server.on('clientError', (err, socket) => onClientError(err, socket, listener, deps))
 */
export function onClientError(
  err: NodeJS.ErrnoException & { rawPacket?: Buffer },
  socket: Socket,
  listener: ListenerInfo,
  deps: ProxyDeps,
): void {
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || !socket.writable) {
    socket.destroy()
    return
  }
  const refusal = parserRefusal(err)
  const { method, target } = requestLine(err.rawPacket)
  const ex = newExchange({
    listener,
    method,
    target,
    httpVersion: '',
    headers: {},
    rawHeaders: [],
    upgrade: false,
    body: {
      declaredLength: undefined,
      empty: true,
      read: () => Promise.resolve(Buffer.alloc(0)),
      stream: () => socket,
    },
    client: { gone: false, sendError: () => {} },
    digest: new BodyDigest(),
  })
  ex.status = refusal.status
  try {
    // Recorded in a batch: anyone who reaches the listener can send these, so no fsync each.
    deps.audit.later(refusalRecord(ex, refusal))
  } catch (e) {
    deps.log.error(
      { requestId: ex.id, err: errorMessage(e) },
      'audit: the record of a refused request was not written',
    )
  }
  deps.log.info(
    { requestId: ex.id, listener: listener.name, status: refusal.status, message: refusal.message },
    'refused',
  )
  socket.end(rawErrorResponse(refusal.status, refusal.message))
  socket.once('finish', () => socket.destroy())
  ex.answeredAt = performance.now()
  deps.monitor?.onRequestDone(exchangeSummary(ex, refusal.outcome, refusal.message))
}
