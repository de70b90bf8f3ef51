import { InputError } from '../errors.js'
import { compareApiVersions, DEFAULT_API_VERSION, MIN_API_VERSION } from './api-version.js'
import { type GoQuery, parseGoQuery } from './go-query.js'
import { parseRequestTarget } from './request-target.js'
import { matchRoute, type RouteDef } from './routes.js'

/** The newest Engine API version whose semantics Airlock knows. */
export const MAX_KNOWN_API_VERSION = '1.52'

/** A request head, classified: which route dockerd will run, at which API version, with which query. */
export interface ClassifiedRequest {
  method: string
  route: RouteDef
  vars: Record<string, string>
  /** The version in the path (`1.41`), or undefined for an unversioned path. */
  pathVersion: string | undefined
  /** The version dockerd applies: the path's, or the daemon's default for unversioned paths. */
  version: string
  /** Decoded path without the version prefix, e.g. `/containers/web/start`. */
  path: string
  query: GoQuery
  /**
   * The request target to forward: the decoded path re-encoded canonically (so a router that decodes
   * and one that does not route it the same) plus the re-encoded query.
   */
  forwardTarget: string
}

/** Raised for a method and path dockerd has no handler for: Airlock denies what it cannot classify. */
export class UnknownEndpointError extends InputError {
  constructor(method: string, path: string) {
    super(`unknown endpoint ${method} ${path}: Airlock denies what it cannot classify`)
  }
}

export interface ClassifyOptions {
  /** The API version the upstream daemon applies to unversioned paths. */
  defaultVersion?: string
}

/** Go's url.Values.Encode order is sorted by key; we keep the client's order and re-escape each part. */
export function encodeGoQuery(q: GoQuery): string {
  const parts: string[] = []
  for (const [k, values] of q)
    for (const v of values) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
  return parts.join('&')
}

/** Percent-encodes a decoded path: everything but unreserved characters, `/` and a few safe sub-delimiters. */
export function encodeGoPath(path: string): string {
  return path.replace(/[^A-Za-z0-9\-._~/:@!$'()*+,=]/gu, (ch) =>
    [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  )
}

/**
 * Classifies a request head the way dockerd will route it: request-target parsing and path cleaning
 * (Go/mux), the `/vX.Y` prefix and version bounds, the route table, the query. Throws
 * `AmbiguousRequestError` for what dockerd could read differently and `UnknownEndpointError` for what
 * no route handles.
 *
 * @example classifyRequest('POST', '/v1.41/containers/create?name=web').route.kind // 'container.create'
 */
export function classifyRequest(
  method: string,
  target: string,
  opts: ClassifyOptions = {},
): ClassifiedRequest {
  const { path: fullPath, rawQuery } = parseRequestTarget(target)
  const m = /^\/v([0-9.]+)(\/.*)$/.exec(fullPath)
  const pathVersion = m?.[1]
  const path = m ? (m[2] as string) : fullPath
  const version = pathVersion ?? opts.defaultVersion ?? DEFAULT_API_VERSION
  if (pathVersion !== undefined) {
    if (compareApiVersions(pathVersion, MIN_API_VERSION) < 0) {
      throw new InputError(
        `client version ${pathVersion} is too old. Minimum supported API version is ${MIN_API_VERSION}`,
      )
    }
    if (compareApiVersions(pathVersion, MAX_KNOWN_API_VERSION) > 0) {
      throw new InputError(
        `API version ${pathVersion} is newer than Airlock knows (${MAX_KNOWN_API_VERSION}); set a lower version (DOCKER_API_VERSION)`,
      )
    }
  }
  const found = matchRoute(method, path)
  if (!found) throw new UnknownEndpointError(method, fullPath)
  if (found.route.minVersion && compareApiVersions(version, found.route.minVersion) < 0) {
    throw new UnknownEndpointError(method, `${fullPath} (needs API ${found.route.minVersion})`)
  }
  const query = parseGoQuery(rawQuery)
  const q = encodeGoQuery(query)
  const forwardPath = encodeGoPath(fullPath)
  return {
    method,
    route: found.route,
    vars: found.vars,
    pathVersion,
    version,
    path,
    query,
    forwardTarget: q ? `${forwardPath}?${q}` : forwardPath,
  }
}
