import * as fs from 'node:fs'
import * as http from 'node:http'
import type { Socket } from 'node:net'
import { AirlockError, errorMessage, InputError } from '../../errors.js'
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

/** Refuses endpoints the proxy must not listen on (for now: TCP beyond loopback). */
export function checkListenEndpoint(e: Endpoint): void {
  if (e.kind === 'tcp' && !isLoopbackHost(e.host)) {
    throw new InputError(
      `refusing to listen on ${endpointUrl(e)}: TCP listeners must be on a loopback address (127.0.0.1, ::1) until TLS and authentication exist; use a unix socket`,
    )
  }
}

/**
 * Creates and starts one listener: a node:http server with strict parsing and no request timeout,
 * whose `request`, `upgrade`, `connect` and `clientError` events all go through the passes. A unix
 * socket is created with `access` (mode 0660 by default) and a stale one is replaced.
 *
 * @example const l = await startListener(parseEndpoint('unix:///run/airlock.sock'), deps, { mode: 0o660 })
 */
export async function startListener(
  endpoint: Endpoint,
  deps: ProxyDeps,
  access: SocketAccess,
): Promise<ProxyListener> {
  checkListenEndpoint(endpoint)
  const url = endpointUrl(endpoint)
  const info: ListenerInfo = { name: url, kind: endpoint.kind }
  const inFlight = new Set<Promise<void>>()
  const hijacked = new Set<Socket>()
  const track = (p: Promise<void>) => {
    inFlight.add(p)
    void p.finally(() => inFlight.delete(p))
  }
  const server = http.createServer(SERVER_OPTIONS, (req, res) => track(handleRequest(req, res, info, deps)))
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
