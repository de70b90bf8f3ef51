import { asString, child } from '../compose/compose-values.js'
import type { YMap, YNode } from '../compose/yaml-tree.js'

/** A pod template found in a manifest: the object that holds it, the pod's metadata and spec. */
export interface PodTemplate {
  /** `Deployment/api`, `CronJob/backup`, `Pod/debug`. */
  owner: string
  /** The pod template's metadata (labels, annotations), when present. */
  metadata: YMap | undefined
  spec: YMap
}

/** Where each workload kind keeps its pod template, as a path of keys. */
const TEMPLATE_PATH: Record<string, readonly string[]> = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
}

function text(n: YNode | undefined): string {
  return n?.kind === 'scalar' && n.value !== null ? asString(n) : ''
}

/**
 * The pod templates a Kubernetes object carries: a Pod's own spec, the template of a Deployment,
 * ReplicaSet, ReplicationController, StatefulSet, DaemonSet or Job, a CronJob's job template, a
 * PodTemplate's template, and those of every item of a `List` (or `*List`). Other kinds have none.
 *
 * @example podTemplates(deploymentTree)[0]?.owner // 'Deployment/api'
 */
export function podTemplates(obj: YNode): PodTemplate[] {
  if (obj.kind !== 'map') return []
  const kind = text(child(obj, 'kind'))
  if (kind === 'List' || kind.endsWith('List')) {
    const items = child(obj, 'items')
    return items?.kind === 'seq' ? items.items.flatMap(podTemplates) : []
  }
  const path = TEMPLATE_PATH[kind]
  if (!path) return []
  let template: YNode | undefined = obj
  for (const key of path) template = child(template, key)
  const spec = child(template, 'spec')
  if (template?.kind !== 'map' || spec?.kind !== 'map') return []
  const metadata = child(template, 'metadata')
  const name = text(child(child(obj, 'metadata'), 'name'))
  return [{ owner: `${kind}/${name}`, metadata: metadata?.kind === 'map' ? metadata : undefined, spec }]
}
