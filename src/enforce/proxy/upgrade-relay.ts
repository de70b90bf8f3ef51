import type { Socket } from 'node:net'
import { errorMessage } from '../../errors.js'
import { type RelayCounts, relayBytes } from './byte-relay.js'
import type { ProxyDeps } from './deps.js'
import type { Exchange } from './exchange.js'
import type { ForwardOutcome } from './forward.js'
import { outgoingBody } from './forward-body.js'
import { forwardRequestHeaders } from './forward-headers.js'
import { dockerErrorBody } from './refusal.js'
import { type ResponseHead, readResponseHead } from './response-head.js'

const MAX_HEAD = 64 * 1024
const STREAM_TYPES = ['application/vnd.docker.raw-stream', 'application/vnd.docker.multiplexed-stream']

/** The daemon took the connection over: 101, or dockerd's older 200 with a raw stream type. */
export function upgradeAccepted(head: Pick<ResponseHead, 'status' | 'headers'>): boolean {
  if (head.status === 101) return true
  const type = (head.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  return head.status === 200 && STREAM_TYPES.includes(type)
}

/** The request head and body Airlock sends for an Upgrade request, from what it decided on. */
export function upgradeRequestBytes(ex: Exchange): Buffer {
  const headers = forwardRequestHeaders(ex.rawHeaders)
  const body = outgoingBody(ex, headers)
  const upgrade = ex.headers.upgrade ?? 'tcp'
  headers.push('Connection', 'Upgrade', 'Upgrade', upgrade)
  let head = `${ex.method} ${ex.request?.forwardTarget ?? ex.target} HTTP/1.1\r\n`
  for (let i = 0; i < headers.length; i += 2) head += `${headers[i]}: ${headers[i + 1]}\r\n`
  head += '\r\n'
  const bytes = Buffer.from(head, 'latin1')
  return body.kind === 'buffer' ? Buffer.concat([bytes, body.bytes]) : bytes
}

/** Relays a response the daemon did not upgrade: its head and body as framed, then closes. */
function relayFinalResponse(
  head: ResponseHead,
  upstream: Socket,
  client: Socket,
  ex: Exchange,
): Promise<void> {
  return new Promise((resolve) => {
    const length = head.headers['content-length']
    const chunked = (head.headers['transfer-encoding'] ?? '').toLowerCase().includes('chunked')
    let remaining = length === undefined ? Number.POSITIVE_INFINITY : Number(length)
    let tail = Buffer.alloc(0)
    const close = () => {
      upstream.destroy()
      client.end()
      resolve()
    }
    const send = (chunk: Buffer) => {
      const part = chunk.subarray(0, Math.min(chunk.length, remaining))
      remaining -= part.length
      ex.responseBytes += part.length
      client.write(part)
      if (chunked) {
        tail = Buffer.concat([tail, part]).subarray(-7)
        if (tail.toString('latin1').endsWith('\r\n0\r\n\r\n') || tail.toString('latin1') === '0\r\n\r\n')
          return close()
      }
      if (remaining <= 0) close()
    }
    client.write(head.raw)
    ex.responseBytes += head.raw.length
    if (head.rest.length) send(head.rest)
    if (remaining <= 0) return close()
    upstream.on('data', send)
    upstream.on('end', close)
    upstream.on('error', close)
    upstream.resume()
  })
}

/**
 * Terminal pass — upgrade relay (attach, exec start, session, grpc): opens a raw connection to the
 * daemon, sends the request Airlock decided on with `Connection: Upgrade`, and reads the daemon's
 * answer. Only when the daemon accepts the upgrade does it relay the answer and then bytes both
 * ways, half-close included — the client's own stream bytes (held since the request) go through
 * only then. Any other answer is relayed and the connection closed.
 *
 * @example const outcome = await upgradeRelay(ex, deps, socket, () => body.early())
 */
export async function upgradeRelay(
  ex: Exchange,
  deps: ProxyDeps,
  client: Socket,
  early: () => Buffer,
): Promise<ForwardOutcome> {
  ex.forwardedAt = performance.now()
  const upstream = deps.upstream.connect()
  const onClientGone = () => upstream.destroy()
  client.once('close', onClientGone)
  let head: ResponseHead
  try {
    await new Promise<void>((resolve, reject) => {
      upstream.once('connect', resolve)
      upstream.once('error', reject)
    })
    upstream.write(upgradeRequestBytes(ex))
    head = await readResponseHead(upstream, MAX_HEAD)
    ex.upstreamHeadAt = performance.now()
  } catch (err) {
    client.off('close', onClientGone)
    upstream.destroy()
    deps.monitor?.onUpstreamError()
    const message = `airlock: the Docker daemon at ${deps.upstream.url} is not reachable: ${errorMessage(err)}`
    if (!client.destroyed) {
      const text = dockerErrorBody(message)
      ex.status = 502
      client.end(
        `HTTP/1.1 502 Bad Gateway\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
      )
    }
    return { error: message }
  }
  client.off('close', onClientGone)
  upstream.removeAllListeners('error')
  ex.upstreamStatus = head.status
  ex.status = head.status
  if (!upgradeAccepted(head)) {
    await relayFinalResponse(head, upstream, client, ex)
    return {}
  }
  if (client.destroyed) {
    upstream.destroy()
    return { ended: 'the client closed the connection' }
  }
  client.write(head.raw)
  if (head.rest.length) client.write(head.rest)
  const held = early()
  if (held.length) upstream.write(held)
  deps.monitor?.onStreamOpen()
  let counts: RelayCounts
  try {
    counts = await relayBytes(client, upstream)
  } finally {
    deps.monitor?.onStreamClose()
  }
  ex.responseBytes += head.raw.length + head.rest.length + counts.down
  ex.streamBytes = held.length + counts.up
  if (counts.error === undefined) return {}
  if (!counts.clientGone) deps.monitor?.onUpstreamError()
  return counts.clientGone ? { ended: counts.error } : { error: counts.error }
}
