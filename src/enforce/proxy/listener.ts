import * as fs from 'node:fs'
import * as http from 'node:http'
import * as https from 'node:https'
import type { Socket } from 'node:net'
import { AirlockError, errorMessage, InputError } from '../../errors.js'
import type { ServerTls } from '../../identity/certs/server-tls.js'
import { onClientError } from './client-error.js'
import type { ProxyDeps } from './deps.js'
import { type Endpoint, endpointUrl, isLoopbackHost } from './endpoint.js'
import type { ListenerInfo } from './exchange.js'
import { handleRequest, handleUpgrade } from './handlers.js'
import { applySocketAccess, freeSocketPath, type SocketAccess } from './unix-socket.js'

/** A listening server of the proxy. */
export interface ProxyListener {
  readonly info: ListenerInfo
  readonly url: string
  readonly server: http.Server
  /** Requests and hijacked streams in progress. */
  readonly inFlight: ReadonlySet<Promise<void>>
  /** Stops accepting; resolves when the server closed (after `destroyAll` or the last connection). */
  stopAccepting(): Promise<void>
  /** Closes keep-alive connections with no request in progress. */
  closeIdle(): void
  /** Drops every connection, hijacked streams included. */
  destroyAll(): void
}

/** Node HTTP server settings of every listener. */
export const SERVER_OPTIONS: http.ServerOptions = {
  requestTimeout: 0,
  headersTimeout: 60_000,
  maxHeaderSize: 64 * 1024,
  keepAlive: true,
  insecureHTTPParser: false,
  noDelay: true,
}

/** How a TCP listener is protected. */
export interface ListenSecurity {
  /** Served over TLS with required client certificates. */
  tls?: boolean
  /** Plain TCP beyond loopback was explicitly forced (`--insecure-tcp`). */
  insecureTcp?: boolean
}

/**
 * Refuses endpoints the proxy must not listen on: plain TCP beyond loopback, unless TLS protects it
 * or the operator forced it.
 *
 * @example checkListenEndpoint(parseEndpoint('tcp://0.0.0.0:2376'), { tls: true }) // ok
 */
export function checkListenEndpoint(e: Endpoint, security: ListenSecurity = {}): void {
  if (e.kind === 'tcp' && !isLoopbackHost(e.host) && !security.tls && !security.insecureTcp) {
    throw new InputError(
      `refusing to listen on ${endpointUrl(e)}: a TCP listener beyond loopback (127.0.0.1, ::1) needs TLS (--tls-dir, see airlock certs init); --insecure-tcp forces it`,
    )
  }
}

/** Options of one listener beyond its endpoint. */
export interface ListenerOptions {
  /** Serve TLS with these, requiring client certificates signed by `ca` (TCP only). */
  tls?: ServerTls
  insecureTcp?: boolean
}

function createServer(tls: ServerTls | undefined, onRequest: http.RequestListener): http.Server {
  if (!tls) return http.createServer(SERVER_OPTIONS, onRequest)
  return https.createServer(
    {
      ...SERVER_OPTIONS,
      key: tls.key,
      cert: tls.cert,
      ca: tls.ca,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
      // A client that half-closes a hijacked stream (close_notify) still reads the container's output.
      allowHalfOpen: true,
    },
    onRequest,
  ) as unknown as http.Server
}

/**
 * Creates and starts one listener: a node:http server (node:https with required client
 * certificates when `opts.tls` is given) with strict parsing and no request timeout,
 * whose `request`, `upgrade`, `connect` and `clientError` events all go through the passes. A unix
 * socket is created with `access` (mode 0660 by default) and a stale one is replaced.
 *
 * @example const l = await startListener(parseEndpoint('unix:///run/airlock.sock'), deps, { mode: 0o660 })
 */
export async function startListener(
  endpoint: Endpoint,
  deps: ProxyDeps,
  access: SocketAccess,
  opts: ListenerOptions = {},
): Promise<ProxyListener> {
  const tls = endpoint.kind === 'tcp' ? opts.tls : undefined
  checkListenEndpoint(endpoint, { tls: tls !== undefined, ...(opts.insecureTcp && { insecureTcp: true }) })
  const url = endpointUrl(endpoint)
  const info: ListenerInfo = { name: url, kind: endpoint.kind, ...(tls && { tls: true }) }
  const inFlight = new Set<Promise<void>>()
  const hijacked = new Set<Socket>()
  const track = (p: Promise<void>) => {
    inFlight.add(p)
    void p.finally(() => inFlight.delete(p))
  }
  const server = createServer(tls, (req, res) => track(handleRequest(req, res, info, deps)))
  server.on('tlsClientError', (err: Error, socket: Socket) => {
    deps.log.warn({ listener: url, remote: socket.remoteAddress, err: err.message }, 'TLS handshake refused')
    socket.destroy()
  })
  server.keepAliveTimeout = 30_000
  const onUpgrade = (req: http.IncomingMessage, socket: Socket, head: Buffer) => {
    hijacked.add(socket)
    socket.once('close', () => hijacked.delete(socket))
    track(handleUpgrade(req, socket, head, info, deps))
  }
  server.on('upgrade', onUpgrade)
  server.on('connect', onUpgrade)
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    try {
      onClientError(err, socket, info, deps)
    } catch (e) {
      deps.log.error({ err: errorMessage(e) }, 'clientError handler failed')
      socket.destroy()
    }
  })

  if (endpoint.kind === 'unix') await freeSocketPath(endpoint.path)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    const old = endpoint.kind === 'unix' ? process.umask(0o177) : undefined
    try {
      if (endpoint.kind === 'unix') server.listen(endpoint.path, () => resolve())
      else server.listen(endpoint.port, endpoint.host, () => resolve())
    } finally {
      if (old !== undefined) process.umask(old)
    }
  }).catch((err: unknown) => {
    throw new AirlockError('E_LISTEN', `cannot listen on ${url}: ${errorMessage(err)}`, { cause: err })
  })
  server.on('error', (err) => deps.log.error({ listener: url, err: errorMessage(err) }, 'listener error'))
  if (endpoint.kind === 'unix') applySocketAccess(endpoint.path, access)

  let closed: Promise<void> | undefined
  return {
    info,
    url,
    server,
    inFlight,
    stopAccepting() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => {
          if (endpoint.kind === 'unix') {
            try {
              if (fs.lstatSync(endpoint.path).isSocket()) fs.unlinkSync(endpoint.path)
            } catch {
              // already gone
            }
          }
          resolve()
        })
      })
      server.closeIdleConnections()
      return closed
    },
    closeIdle: () => server.closeIdleConnections(),
    destroyAll() {
      server.closeAllConnections()
      for (const s of hijacked) s.destroy()
    },
  }
}
