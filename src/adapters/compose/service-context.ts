import type { ContainerSpecInput } from '../../model/container-spec.js'
import type { SpecOrigins } from '../docker-run/spec-origins.js'
import type { SourceError } from '../workload.js'
import { ComposeValueError } from './compose-values.js'
import type { VariableLookup } from './interpolate.js'
import { nodeLocation, type YMap, type YNode } from './yaml-tree.js'

/** What mapping one compose service needs: the project around it and where results go. */
export interface ServiceContext {
  name: string
  service: YMap
  project: string
  root: YMap
  /** The directory relative paths written in `file` resolve against. */
  baseDir: (file: string) => string
  homeDir: string
  lookup: VariableLookup
  readFile: (path: string) => string | undefined
  errors: SourceError[]
  origins: SpecOrigins
  spec: ContainerSpecInput
}

/**
 * Runs `read` on the service's `key` when it is set; a value compose would refuse is reported at its
 * location and the rest of the service is still read.
 *
 * @example field(ctx, 'privileged', (n) => { ctx.spec.privileged = asBool(n) })
 */
export function field(ctx: ServiceContext, key: string, read: (n: YNode) => void): void {
  const n = ctx.service.entries.get(key)
  if (n === undefined) return
  guard(ctx, n, () => read(n))
}

/**
 * Runs `fn`, reporting an error it throws at the node it names (or `at`).
 *
 * @example guard(ctx, portNode, () => parsePortSpec(asString(portNode)))
 */
export function guard(ctx: ServiceContext, at: YNode, fn: () => void): void {
  try {
    fn()
  } catch (err) {
    const node = err instanceof ComposeValueError ? err.node : at
    ctx.errors.push({
      message: `service "${ctx.name}": ${(err as Error).message}`,
      location: nodeLocation(node),
    })
  }
}

/**
 * Records where a spec path was written.
 *
 * @example mark(ctx, ['privileged'], privilegedNode)
 */
export function mark(ctx: ServiceContext, path: (string | number)[], n: YNode): void {
  ctx.origins.set(path, nodeLocation(n))
}
