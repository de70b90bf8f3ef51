import { randomUUID } from 'node:crypto'
import type * as http from 'node:http'
import { AirlockError, errorMessage, InputError } from '../../../errors.js'
import { bearerToken, tokenIdentity } from '../../../identity/bearer-token.js'
import { certificateIdentity } from '../../../identity/peer-certificate.js'
import type { Identity } from '../../../model/identity.js'
import { callerRole } from '../authorize-pass.js'
import type { Log } from '../log.js'
import { peerCertificate } from '../peer.js'
import type { AdminDeps } from './admin-deps.js'
import { AdminError, type AdminResponse, type AdminRouter } from './admin-router.js'

const MAX_BODY = 64 * 1024

/** Where the dashboard is served on an admin listener. */
export const DASHBOARD_PREFIX = '/dashboard'

/** The caller of a public route: nobody was asked for credentials. */
const NOBODY: Identity = { user: 'anonymous', groups: [], via: 'listener' }

function send(res: http.ServerResponse, out: AdminResponse): void {
  const [body, type] =
    'text' in out ? [out.text, out.contentType] : [`${JSON.stringify(out.json)}\n`, 'application/json']
  res.writeHead(out.status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  })
  res.end(body)
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

function statusOf(err: unknown): number {
  if (err instanceof AdminError) return err.status
  if (err instanceof InputError) return 400
  if (err instanceof AirlockError && err.code === 'E_UNAUTHENTICATED') return 401
  return 500
}

/** Whether `pathname` is the dashboard's (`/dashboard` itself or below it). */
export function isDashboardPath(pathname: string): boolean {
  return pathname === DASHBOARD_PREFIX || pathname.startsWith(`${DASHBOARD_PREFIX}/`)
}

/**
 * The admin listener's request handler. `/dashboard/…` goes to the dashboard (which signs its
 * visitors in itself; `/dashboard` redirects to `/dashboard/`); public routes (probes) answer
 * anyone; every other request is authenticated (client certificate or bearer token) before its
 * route is even looked up, and each route's access level is enforced (401, 403, 404, 405).
 *
 * @example http.createServer(adminHandler(router, deps, log, dashboard))
 */
export function adminHandler(
  router: AdminRouter,
  deps: AdminDeps,
  log: Log,
  dashboard?: http.RequestListener,
): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://airlock')
    if (dashboard && isDashboardPath(url.pathname)) {
      if (url.pathname === DASHBOARD_PREFIX) {
        res.writeHead(308, { Location: `${DASHBOARD_PREFIX}/${url.search}`, 'Content-Length': 0 })
        res.end()
        return
      }
      dashboard(req, res)
      return
    }
    let caller: Identity | undefined
    try {
      const found = router.match(req.method ?? '', url.pathname)
      const route = found && !('methodNotAllowed' in found) ? found : undefined
      if (route?.route.access === 'public') {
        const out = await route.route.handle({
          caller: NOBODY,
          admin: false,
          audit: false,
          params: route.params,
          query: url.searchParams,
          body: undefined,
        })
        return send(res, out)
      }
      caller = identify(req, deps)
      if (!found) throw new AdminError(404, `no admin endpoint ${req.method} ${url.pathname}`)
      if (!route) throw new AdminError(405, `${req.method} is not allowed on ${url.pathname}`)
      const role = callerRole(caller, deps.policy())
      const admin = role?.admin === true
      const audit = admin || role?.audit === true
      const access = route.route.access
      if ((access === 'admin' && !admin) || (access === 'audit' && !audit)) {
        throw new AdminError(
          403,
          `${caller.user} (role ${role?.name ?? caller.role}) may not ${req.method} ${url.pathname}`,
        )
      }
      const body = req.method === 'GET' ? undefined : await readJson(req)
      const out = await route.route.handle({
        caller,
        admin,
        audit,
        params: route.params,
        query: url.searchParams,
        body,
      })
      send(res, out)
    } catch (err) {
      const status = statusOf(err)
      if (status >= 500) log.error({ path: url.pathname, err: errorMessage(err) }, 'admin API error')
      if (status === 401 || status === 403)
        log.warn({ path: url.pathname, caller: caller?.user, status }, 'admin API refused')
      if (!res.headersSent)
        send(res, { status, json: { message: errorMessage(err), requestId: randomUUID() } })
    }
  }
}
