import type { ContainerSpecInput } from '../../model/container-spec.js'
import { ComposeValueError } from '../compose/compose-values.js'
import { nodeLocation, type YNode } from '../compose/yaml-tree.js'
import type { SpecOrigins } from '../docker-run/spec-origins.js'
import type { SourceError } from '../workload.js'
import type { PodTemplate } from './pod-templates.js'

/** The container lists of a pod spec. */
export type ContainerGroup = 'containers' | 'initContainers' | 'ephemeralContainers'

/** What mapping one container of a pod needs, and where results go. */
export interface PodContext {
  pod: PodTemplate
  container: YNode & { kind: 'map' }
  containerName: string
  group: ContainerGroup
  origins: SpecOrigins
  errors: SourceError[]
  spec: ContainerSpecInput
}

/**
 * Runs `fn`, reporting what it throws at the node it names (or `at`), so one bad field is one error.
 *
 * @example guard(ctx, memoryNode, () => parseQuantity(asString(memoryNode)))
 */
export function guard(ctx: PodContext, at: YNode, fn: () => void): void {
  try {
    fn()
  } catch (err) {
    const node = err instanceof ComposeValueError ? err.node : at
    ctx.errors.push({
      message: `${ctx.pod.owner} ${ctx.group.replace(/s$/, '')} ${ctx.containerName}: ${(err as Error).message}`,
      location: nodeLocation(node),
    })
  }
}

/**
 * Records where a spec path was written.
 *
 * @example mark(ctx, ['user'], runAsUserNode)
 */
export function mark(ctx: PodContext, path: (string | number)[], n: YNode | undefined): void {
  if (n) ctx.origins.set(path, nodeLocation(n))
}
