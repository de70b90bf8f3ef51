import * as fs from 'node:fs'
import * as http from 'node:http'
import * as https from 'node:https'
import { AirlockError, errorMessage, InputError } from '../../../errors.js'
import type { ServerTls } from '../../../identity/certs/server-tls.js'
import { type Endpoint, endpointUrl, isLoopbackHost } from '../endpoint.js'
import type { Log } from '../log.js'
import { freeSocketPath } from '../unix-socket.js'
import type { AdminDeps } from './admin-deps.js'
import { adminHandler } from './admin-handler.js'
import { type AdminRoute, AdminRouter } from './admin-router.js'
import { auditRoutes } from './routes/audit.js'
import { grantRoutes } from './routes/grants.js'
import { healthRoutes } from './routes/health.js'
import { metricsRoutes } from './routes/metrics.js'
import { probeRoutes } from './routes/probes.js'
import { tokenRoutes } from './routes/tokens.js'

/** Every route module of the admin API, in order. New resources add one line here. */
export function adminRoutes(deps: AdminDeps): AdminRoute[] {
  return [
    ...healthRoutes(deps),
    ...probeRoutes(deps),
    ...metricsRoutes(deps),
    ...grantRoutes(deps),
    ...tokenRoutes(deps),
    ...auditRoutes(deps),
  ]
}

/** A running admin listener. */
export interface AdminServer {
  readonly url: string
  /** Whether it serves HTTPS (TCP with --tls-dir). */
  readonly tls: boolean
  close(): Promise<void>
}

/**
 * Refuses admin endpoints that would expose it: TCP beyond loopback needs TLS.
 *
 * @example checkAdminEndpoint(parseEndpoint('tcp://0.0.0.0:9000'), false) // throws
 */
export function checkAdminEndpoint(e: Endpoint, tls: boolean): void {
  if (e.kind === 'tcp' && !isLoopbackHost(e.host) && !tls) {
    throw new InputError(
      `refusing the admin API on ${endpointUrl(e)}: beyond loopback it needs TLS (--tls-dir)`,
    )
  }
}

/**
 * Starts the admin API: JSON over node:http on a unix socket (mode 0600) or loopback TCP, or
 * node:https with required client certificates when `tls` is given. Every request is authenticated
 * (bearer token or client certificate) and each route says who may call it (admins, auditors, any
 * authenticated caller).
 *
 * @example const admin = await startAdminServer(parseEndpoint('unix:///run/airlock/admin.sock'), deps, log)
 */
export async function startAdminServer(
  endpoint: Endpoint,
  deps: AdminDeps,
  log: Log,
  tls?: ServerTls,
): Promise<AdminServer> {
  const useTls = endpoint.kind === 'tcp' && tls !== undefined
  checkAdminEndpoint(endpoint, useTls)
  const dashboard = deps.dashboard?.({ tls: useTls })
  const handler = adminHandler(new AdminRouter(adminRoutes(deps)), deps, log, dashboard)
  const server = useTls
    ? https.createServer(
        { key: tls.key, cert: tls.cert, ca: tls.ca, requestCert: true, rejectUnauthorized: true },
        (q, s) => void handler(q, s),
      )
    : http.createServer((q, s) => void handler(q, s))
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
    throw new AirlockError(
      'E_LISTEN',
      `cannot listen on ${endpointUrl(endpoint)} (admin): ${errorMessage(err)}`,
      { cause: err },
    )
  })
  if (endpoint.kind === 'unix') fs.chmodSync(endpoint.path, 0o600)
  const url = endpointUrl(endpoint)
  return {
    url,
    tls: useTls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => {
          if (endpoint.kind === 'unix') fs.rmSync(endpoint.path, { force: true })
          resolve()
        })
      }),
  }
}
