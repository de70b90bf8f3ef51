import type { ActionKind } from '../model/action.js'

/**
 * How a route's request body is read.
 * - `none`: dockerd does not read a body; Airlock forwards none.
 * - `json`: a JSON document Airlock decodes as dockerd does and forwards re-encoded.
 * - `json-optional`: like json, but an empty body is fine.
 * - `stream`: opaque bytes dockerd consumes as a stream (tar contexts, image tarballs); forwarded as
 *   they come, within the size limit.
 */
export type BodyKind = 'none' | 'json' | 'json-optional' | 'stream'

export interface RouteDef {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE'
  /** gorilla/mux template as dockerd registers it. */
  pattern: string
  kind: ActionKind
  body: BodyKind
  /** The daemon upgrades the connection to a raw stream (attach, exec start, session, grpc). */
  hijack?: boolean
  /** dockerd answers this route only from this API version on. */
  minVersion?: string
}

const r = (
  method: RouteDef['method'],
  pattern: string,
  kind: ActionKind,
  body: BodyKind = 'none',
  extra: Partial<RouteDef> = {},
): RouteDef => ({ method, pattern, kind, body, ...extra })

/**
 * Every Engine API route dockerd 20.10 and current moby register, in registration order within each
 * method (gorilla/mux takes the first match). Debug routes (pprof, expvar), experimental checkpoint
 * routes' deletion and the deprecated `copy` endpoint are deliberately absent: Airlock denies them.
 */
export const ROUTES: readonly RouteDef[] = [
  // system
  r('GET', '/_ping', 'system.ping'),
  r('HEAD', '/_ping', 'system.ping'),
  r('GET', '/info', 'system.info'),
  r('GET', '/version', 'system.version'),
  r('GET', '/system/df', 'system.df'),
  r('GET', '/events', 'system.events'),
  r('POST', '/auth', 'auth', 'json'),
  // containers
  r('GET', '/containers/json', 'container.list'),
  r('GET', '/containers/{name:.*}/export', 'container.export'),
  r('GET', '/containers/{name:.*}/changes', 'container.changes'),
  r('GET', '/containers/{name:.*}/json', 'container.inspect'),
  r('GET', '/containers/{name:.*}/top', 'container.top'),
  r('GET', '/containers/{name:.*}/logs', 'container.logs'),
  r('GET', '/containers/{name:.*}/stats', 'container.stats'),
  r('GET', '/containers/{name:.*}/attach/ws', 'container.attach', 'none', { hijack: true }),
  r('GET', '/exec/{id:.*}/json', 'exec.inspect'),
  r('GET', '/containers/{name:.*}/archive', 'archive.get'),
  r('HEAD', '/containers/{name:.*}/archive', 'archive.stat'),
  r('POST', '/containers/create', 'container.create', 'json'),
  r('POST', '/containers/{name:.*}/kill', 'container.kill'),
  r('POST', '/containers/{name:.*}/pause', 'container.pause'),
  r('POST', '/containers/{name:.*}/unpause', 'container.unpause'),
  r('POST', '/containers/{name:.*}/restart', 'container.restart'),
  r('POST', '/containers/{name:.*}/start', 'container.start', 'json-optional'),
  r('POST', '/containers/{name:.*}/stop', 'container.stop'),
  r('POST', '/containers/{name:.*}/wait', 'container.wait'),
  r('POST', '/containers/{name:.*}/resize', 'container.resize'),
  r('POST', '/containers/{name:.*}/attach', 'container.attach', 'none', { hijack: true }),
  r('POST', '/containers/{name:.*}/exec', 'exec.create', 'json'),
  r('POST', '/exec/{name:.*}/start', 'exec.start', 'json-optional', { hijack: true }),
  r('POST', '/exec/{name:.*}/resize', 'exec.resize'),
  r('POST', '/containers/{name:.*}/rename', 'container.rename'),
  r('POST', '/containers/{name:.*}/update', 'container.update', 'json'),
  r('POST', '/containers/prune', 'container.prune', 'none', { minVersion: '1.25' }),
  r('POST', '/commit', 'image.commit', 'json-optional'),
  r('PUT', '/containers/{name:.*}/archive', 'archive.put', 'stream'),
  r('DELETE', '/containers/{name:.*}', 'container.delete'),
  // checkpoints (experimental daemons only)
  r('GET', '/containers/{name:.*}/checkpoints', 'checkpoint.list'),
  r('POST', '/containers/{name:.*}/checkpoints', 'checkpoint.create', 'json'),
  // images
  r('GET', '/images/json', 'image.list'),
  r('GET', '/images/search', 'image.search'),
  r('GET', '/images/get', 'image.get'),
  r('GET', '/images/{name:.*}/get', 'image.get'),
  r('GET', '/images/{name:.*}/history', 'image.history'),
  r('GET', '/images/{name:.*}/json', 'image.inspect'),
  r('POST', '/images/load', 'image.load', 'stream'),
  r('POST', '/images/create', 'image.create', 'stream'),
  r('POST', '/images/{name:.*}/push', 'image.push'),
  r('POST', '/images/{name:.*}/tag', 'image.tag'),
  r('POST', '/images/prune', 'image.prune', 'none', { minVersion: '1.25' }),
  r('DELETE', '/images/{name:.*}', 'image.delete'),
  r('GET', '/distribution/{name:.*}/json', 'distribution.inspect'),
  // build
  r('POST', '/build', 'image.build', 'stream'),
  r('POST', '/build/prune', 'build.prune', 'none', { minVersion: '1.31' }),
  r('POST', '/build/cancel', 'build.cancel'),
  r('POST', '/session', 'session', 'none', { hijack: true }),
  r('POST', '/grpc', 'grpc', 'none', { hijack: true }),
  // volumes
  r('GET', '/volumes', 'volume.list'),
  r('GET', '/volumes/{name:.*}', 'volume.inspect'),
  r('POST', '/volumes/create', 'volume.create', 'json'),
  r('POST', '/volumes/prune', 'volume.prune', 'none', { minVersion: '1.25' }),
  r('PUT', '/volumes/{name:.*}', 'volume.update', 'json', { minVersion: '1.42' }),
  r('DELETE', '/volumes/{name:.*}', 'volume.delete'),
  // networks
  r('GET', '/networks', 'network.list'),
  r('GET', '/networks/', 'network.list'),
  r('GET', '/networks/{id:.+}', 'network.inspect'),
  r('POST', '/networks/create', 'network.create', 'json'),
  r('POST', '/networks/{id:.*}/connect', 'network.connect', 'json'),
  r('POST', '/networks/{id:.*}/disconnect', 'network.disconnect', 'json'),
  r('POST', '/networks/prune', 'network.prune', 'none', { minVersion: '1.25' }),
  r('DELETE', '/networks/{id:.*}', 'network.delete'),
  // plugins
  r('GET', '/plugins', 'plugin.list'),
  r('GET', '/plugins/privileges', 'plugin.privileges'),
  r('GET', '/plugins/{name:.*}/json', 'plugin.inspect'),
  r('POST', '/plugins/pull', 'plugin.pull', 'json'),
  r('POST', '/plugins/{name:.*}/enable', 'plugin.enable'),
  r('POST', '/plugins/{name:.*}/disable', 'plugin.disable'),
  r('POST', '/plugins/{name:.*}/push', 'plugin.push'),
  r('POST', '/plugins/{name:.*}/upgrade', 'plugin.upgrade', 'json', { minVersion: '1.26' }),
  r('POST', '/plugins/{name:.*}/set', 'plugin.set', 'json'),
  r('POST', '/plugins/create', 'plugin.create', 'stream'),
  r('DELETE', '/plugins/{name:.*}', 'plugin.delete'),
  // swarm
  r('GET', '/swarm', 'swarm.inspect'),
  r('GET', '/swarm/unlockkey', 'swarm.unlockkey'),
  r('POST', '/swarm/init', 'swarm.init', 'json'),
  r('POST', '/swarm/join', 'swarm.join', 'json'),
  r('POST', '/swarm/leave', 'swarm.leave'),
  r('POST', '/swarm/update', 'swarm.update', 'json'),
  r('POST', '/swarm/unlock', 'swarm.unlock', 'json'),
  r('GET', '/services', 'service.list'),
  r('GET', '/services/{id}', 'service.inspect'),
  r('POST', '/services/create', 'service.create', 'json'),
  r('POST', '/services/{id}/update', 'service.update', 'json'),
  r('DELETE', '/services/{id}', 'service.delete'),
  r('GET', '/services/{id}/logs', 'service.logs'),
  r('GET', '/nodes', 'node.list'),
  r('GET', '/nodes/{id}', 'node.inspect'),
  r('DELETE', '/nodes/{id}', 'node.delete'),
  r('POST', '/nodes/{id}/update', 'node.update', 'json'),
  r('GET', '/tasks', 'task.list'),
  r('GET', '/tasks/{id}', 'task.inspect'),
  r('GET', '/tasks/{id}/logs', 'task.logs'),
  r('GET', '/secrets', 'secret.list'),
  r('POST', '/secrets/create', 'secret.create', 'json'),
  r('DELETE', '/secrets/{id}', 'secret.delete'),
  r('GET', '/secrets/{id}', 'secret.inspect'),
  r('POST', '/secrets/{id}/update', 'secret.update', 'json'),
  r('GET', '/configs', 'config.list'),
  r('POST', '/configs/create', 'config.create', 'json'),
  r('DELETE', '/configs/{id}', 'config.delete'),
  r('GET', '/configs/{id}', 'config.inspect'),
  r('POST', '/configs/{id}/update', 'config.update', 'json'),
]

interface CompiledRoute {
  def: RouteDef
  re: RegExp
  vars: string[]
}

function compile(def: RouteDef): CompiledRoute {
  const vars: string[] = []
  let src = '^'
  let rest = def.pattern
  while (rest.length) {
    const open = rest.indexOf('{')
    if (open < 0) {
      src += rest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      break
    }
    src += rest.slice(0, open).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const close = rest.indexOf('}', open)
    const [name, expr] = rest.slice(open + 1, close).split(':') as [string, string | undefined]
    vars.push(name)
    src += `(${expr ?? '[^/]+'})`
    rest = rest.slice(close + 1)
  }
  return { def, re: new RegExp(`${src}$`), vars }
}

const COMPILED: ReadonlyMap<string, CompiledRoute[]> = (() => {
  const byMethod = new Map<string, CompiledRoute[]>()
  for (const def of ROUTES) {
    const list = byMethod.get(def.method) ?? []
    list.push(compile(def))
    byMethod.set(def.method, list)
  }
  return byMethod
})()

export interface RouteMatch {
  route: RouteDef
  /** Route variables (`name`, `id`), as dockerd's handler receives them. */
  vars: Record<string, string>
}

/**
 * The route dockerd would dispatch `method path` (path without the version prefix) to, or undefined.
 *
 * @example matchRoute('POST', '/containers/web/start')?.vars // { name: 'web' }
 */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const list = COMPILED.get(method)
  if (!list) return undefined
  for (const c of list) {
    const m = c.re.exec(path)
    if (!m) continue
    const vars: Record<string, string> = {}
    c.vars.forEach((v, i) => {
      vars[v] = m[i + 1] ?? ''
    })
    return { route: c.def, vars }
  }
  return undefined
}
