import type { Identity } from '../../../model/identity.js'

/** What a handler gets: the authenticated caller, path parameters, query and parsed JSON body. */
export interface AdminRequest {
  caller: Identity
  /** The caller may manage grants and tokens. */
  admin: boolean
  /** The caller may read the audit log. */
  audit: boolean
  params: Record<string, string>
  query: URLSearchParams
  body: unknown
}

/** A JSON answer, or a text one (Prometheus metrics, probes). */
export type AdminResponse =
  | { status: number; json: unknown }
  | { status: number; text: string; contentType: string }

/**
 * Who may call a route: admins, auditors (and admins), any authenticated caller, or anyone who
 * can reach the listener (`public`: liveness and readiness probes, which reveal no data).
 */
export type AdminAccess = 'admin' | 'audit' | 'any' | 'public'

export interface AdminRoute {
  method: 'GET' | 'POST' | 'DELETE'
  /** `/v1/grants/:id/revoke`: `:name` segments become params. */
  path: string
  access: AdminAccess
  handle: (req: AdminRequest) => AdminResponse | Promise<AdminResponse>
}

/** A route module: its routes, given the admin API's dependencies. */
export type AdminRoutes<D> = (deps: D) => AdminRoute[]

/** An error a handler throws to answer with `status` and `{ message }`. */
export class AdminError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

interface Compiled {
  route: AdminRoute
  re: RegExp
  names: string[]
}

/**
 * The admin API's router: method + path patterns with `:param` segments, matched in order. One
 * route module per resource adds its routes (health and probes, metrics, grants, tokens, audit).
 *
 * @example
 * const router = new AdminRouter([...healthRoutes(deps), ...grantRoutes(deps)])
 * router.match('POST', '/v1/grants/g-1/revoke')?.params // { id: 'g-1' }
 */
export class AdminRouter {
  readonly #routes: Compiled[]

  constructor(routes: readonly AdminRoute[]) {
    this.#routes = routes.map((route) => {
      const names: string[] = []
      const src = route.path
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/:([a-zA-Z]+)/g, (_, n: string) => {
          names.push(n)
          return '([^/]+)'
        })
      return { route, re: new RegExp(`^${src}$`), names }
    })
  }

  /** The route for `method path` and its params; `methodNotAllowed` when only the method differs. */
  match(
    method: string,
    path: string,
  ): { route: AdminRoute; params: Record<string, string> } | { methodNotAllowed: true } | undefined {
    let pathMatched = false
    for (const c of this.#routes) {
      const m = c.re.exec(path)
      if (!m) continue
      pathMatched = true
      if (c.route.method !== method) continue
      const params: Record<string, string> = {}
      c.names.forEach((n, i) => {
        params[n] = decodeURIComponent(m[i + 1] ?? '')
      })
      return { route: c.route, params }
    }
    return pathMatched ? { methodNotAllowed: true } : undefined
  }
}
