import { type ClassifiedRequest, encodeGoPath, encodeGoQuery } from '../../engine-api/classify.js'

function pathPart(req: ClassifiedRequest): string {
  const q = req.forwardTarget.indexOf('?')
  return q < 0 ? req.forwardTarget : req.forwardTarget.slice(0, q)
}

function withQuery(path: string, req: ClassifiedRequest): string {
  const q = encodeGoQuery(req.query)
  return q ? `${path}?${q}` : path
}

/**
 * Points the forwarded request at `value` for the route variable `name` (`name` or `id`): the path
 * is rebuilt from the route's pattern, so the daemon acts on the object Airlock resolved (its full
 * id) whatever the client wrote.
 *
 * @example setRouteVar(req, 'name', '4f9a…') // req.forwardTarget: '/v1.41/containers/4f9a…/start'
 */
export function setRouteVar(req: ClassifiedRequest, name: string, value: string): void {
  req.vars = { ...req.vars, [name]: value }
  const path = req.route.pattern.replace(/\{([a-z]+)(?::[^}]*)?\}/g, (_, v: string) => req.vars[v] ?? '')
  const full = `${req.pathVersion === undefined ? '' : `/v${req.pathVersion}`}${path}`
  req.forwardTarget = withQuery(encodeGoPath(full), req)
}

/**
 * Replaces every value of query parameter `key` with `values` in the forwarded request (dockerd
 * reads the first value of most parameters: a client's second copy must not survive).
 *
 * @example setQuery(req, 'filters', ['{"label":{"airlock.owner=alice":true}}'])
 */
export function setQuery(req: ClassifiedRequest, key: string, values: readonly string[]): void {
  req.query.set(key, [...values])
  req.forwardTarget = withQuery(pathPart(req), req)
}
