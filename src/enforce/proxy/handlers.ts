import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { BodyDigest } from './body-digest.js'
import { httpClientSide, socketClientSide } from './client-side.js'
import type { ProxyDeps } from './deps.js'
import { type ListenerInfo, newExchange } from './exchange.js'
import { forward } from './forward.js'
import { incomingBody } from './incoming-body.js'
import { peerCertificate } from './peer.js'
import { runExchange } from './run-exchange.js'
import { upgradeBody } from './upgrade-body.js'
import { upgradeRelay } from './upgrade-relay.js'

/**
 * An ordinary request (`request` event): the passes, then forward.
 *
 * @example server.on('request', (req, res) => handleRequest(req, res, listener, deps))
 */
export function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  listener: ListenerInfo,
  deps: ProxyDeps,
): Promise<void> {
  const ex = newExchange({
    listener,
    method: req.method ?? '',
    target: req.url ?? '',
    httpVersion: req.httpVersion,
    headers: req.headers,
    rawHeaders: req.rawHeaders,
    upgrade: false,
    body: incomingBody(req),
    client: httpClientSide(res),
    digest: new BodyDigest(),
    peer: peerCertificate(req.socket),
  })
  return runExchange(ex, deps, () => forward(ex, deps, res))
}

/**
 * An Upgrade (or CONNECT) request: Node hands over the raw socket and the bytes it read past the
 * head. The passes run on the request as it stands (its body read from `head` and the socket), then
 * the upgrade relay.
 *
 * @example server.on('upgrade', (req, socket, head) => handleUpgrade(req, socket, head, listener, deps))
 */
export function handleUpgrade(
  req: IncomingMessage,
  socket: Socket,
  head: Buffer,
  listener: ListenerInfo,
  deps: ProxyDeps,
): Promise<void> {
  socket.on('error', () => {})
  socket.setTimeout(0)
  const body = upgradeBody(socket, head, req.headers)
  const ex = newExchange({
    listener,
    method: req.method ?? '',
    target: req.url ?? '',
    httpVersion: req.httpVersion,
    headers: req.headers,
    rawHeaders: req.rawHeaders,
    upgrade: true,
    body,
    client: socketClientSide(socket),
    digest: new BodyDigest(),
    peer: peerCertificate(socket),
  })
  return runExchange(ex, deps, () => upgradeRelay(ex, deps, socket, body.early))
}
