import { randomUUID } from 'node:crypto'
import * as fs from 'node:fs'
import * as http from 'node:http'
import * as https from 'node:https'
import { AirlockError, errorMessage, InputError } from '../../../errors.js'
import { bearerToken, tokenIdentity } from '../../../identity/bearer-token.js'
import type { ServerTls } from '../../../identity/certs/server-tls.js'
import { certificateIdentity } from '../../../identity/peer-certificate.js'
import type { Identity } from '../../../model/identity.js'
import { callerRole } from '../authorize-pass.js'
import { type Endpoint, endpointUrl, isLoopbackHost } from '../endpoint.js'
import type { Log } from '../log.js'
import { peerCertificate } from '../peer.js'
import { freeSocketPath } from '../unix-socket.js'
import type { AdminDeps } from './admin-deps.js'
import { AdminError, type AdminRoute, AdminRouter } from './admin-router.js'
import { auditRoutes } from './routes/audit.js'
import { grantRoutes } from './routes/grants.js'
import { healthRoutes } from './routes/health.js'
import { tokenRoutes } from './routes/tokens.js'

const MAX_BODY = 64 * 1024

/** Every route module of the admin API, in order. New resources add one line here. */
export function adminRoutes(deps: AdminDeps): AdminRoute[] {
  return [...healthRoutes(deps), ...grantRoutes(deps), ...tokenRoutes(deps), ...auditRoutes(deps)]
}

/** A running admin listener. */
export interface AdminServer {
  readonly url: string
  close(): Promise<void>
}

function send(res: http.ServerResponse, status: number, json: unknown): void {
  const text = `${JSON.stringify(json)}\n`
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new AdminError(413, `the body is larger than ${MAX_BODY} bytes`))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      if (text.trim() === '') return resolve(undefined)
      try {
        resolve(JSON.parse(text))
      } catch {
        reject(new AdminError(400, 'the body is not JSON'))
      }
    })
    req.on('error', reject)
  })
}

function identify(req: http.IncomingMessage, deps: AdminDeps): Identity {
  const peer = peerCertificate(req.socket)
  if (peer) return certificateIdentity(peer)
  const token = bearerToken(req.headers.authorization)
  if (token === undefined)
    throw new AdminError(
      401,
      'the admin API needs "Authorization: Bearer <token>" (see admin.token in the data dir) or an admin client certificate',
    )
  return tokenIdentity(token, (t) => deps.tokens.verify(t))
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
  const router = new AdminRouter(adminRoutes(deps))
  const handler = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://airlock')
    let caller: Identity | undefined
    try {
      caller = identify(req, deps)
      const found = router.match(req.method ?? '', url.pathname)
      if (!found) throw new AdminError(404, `no admin endpoint ${req.method} ${url.pathname}`)
      if ('methodNotAllowed' in found)
        throw new AdminError(405, `${req.method} is not allowed on ${url.pathname}`)
      const role = callerRole(caller, deps.policy())
      const admin = role?.admin === true
      const audit = admin || role?.audit === true
      const access = found.route.access
      if ((access === 'admin' && !admin) || (access === 'audit' && !audit)) {
        throw new AdminError(
          403,
          `${caller.user} (role ${role?.name ?? caller.role}) may not ${req.method} ${url.pathname}`,
        )
      }
      const body = req.method === 'GET' ? undefined : await readJson(req)
      const out = await found.route.handle({
        caller,
        admin,
        audit,
        params: found.params,
        query: url.searchParams,
        body,
      })
      send(res, out.status, out.json)
    } catch (err) {
      const status =
        err instanceof AdminError
          ? err.status
          : err instanceof InputError
            ? 400
            : err instanceof AirlockError && err.code === 'E_UNAUTHENTICATED'
              ? 401
              : 500
      if (status >= 500) log.error({ path: url.pathname, err: errorMessage(err) }, 'admin API error')
      if (status === 401 || status === 403)
        log.warn({ path: url.pathname, caller: caller?.user, status }, 'admin API refused')
      if (!res.headersSent) send(res, status, { message: errorMessage(err), requestId: randomUUID() })
    }
  }
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
