import { LineCounter, parseAllDocuments } from 'yaml'
import { completeSpec } from '../../model/complete-spec.js'
import { asString, child } from '../compose/compose-values.js'
import { nodeLocation, type YNode, yamlTree } from '../compose/yaml-tree.js'
import { SpecOrigins } from '../docker-run/spec-origins.js'
import type { AdapterResult, SourceError, SourceLocation, Workload } from '../workload.js'
import { podContainerToSpec } from './pod-container-to-spec.js'
import type { ContainerGroup, PodContext } from './pod-context.js'
import { podTemplates } from './pod-templates.js'

const GROUPS: readonly ContainerGroup[] = ['containers', 'initContainers', 'ephemeralContainers']

function containersOf(obj: YNode, errors: SourceError[]): Workload[] {
  const out: Workload[] = []
  for (const pod of podTemplates(obj)) {
    for (const group of GROUPS) {
      const list = child(pod.spec, group)
      if (!list) continue
      for (const c of list.kind === 'seq' ? list.items : [list]) {
        if (c.kind !== 'map') {
          errors.push({
            message: `${pod.owner}: each of ${group} must be a mapping`,
            location: nodeLocation(c),
          })
          continue
        }
        const nameNode = child(c, 'name')
        const containerName = nameNode?.kind === 'scalar' ? asString(nameNode) : ''
        const location: SourceLocation = nameNode ? nodeLocation(nameNode) : c.loc
        const origins = new SpecOrigins(location)
        const ctx: PodContext = { pod, container: c, containerName, group, origins, errors, spec: {} }
        const spec = completeSpec(podContainerToSpec(ctx))
        const kind = group.replace(/s$/, '')
        out.push({
          name: `${pod.owner} ${kind} ${containerName}`,
          format: 'kubernetes',
          spec,
          location,
          locate: (path) => origins.locate(path),
          platformManaged: KUBELET_MANAGED,
        })
      }
    }
  }
  return out
}

/** What a pod spec cannot say: the kubelet's `podPidsLimit` bounds every pod's PIDs. */
const KUBELET_MANAGED: readonly (readonly string[])[] = [['resources', 'pidsLimit']]

/**
 * Every container of every pod template in a Kubernetes manifest (multi-document YAML, read with
 * YAML 1.1 semantics as the API machinery does: `yes`/`on` are booleans, `0755` is octal): Pods,
 * Deployments, ReplicaSets, ReplicationControllers, StatefulSets, DaemonSets, Jobs, CronJobs,
 * PodTemplates and the items of Lists; init and ephemeral containers included. `locate` answers
 * with the YAML node each spec value came from (the container's or the pod's securityContext, the
 * hostPath volume, ...). A document with YAML errors is reported and skipped; the others are read.
 *
 * @example kubernetesWorkloads('deploy.yaml', text).workloads[0]?.name // 'Deployment/api container app'
 */
export function kubernetesWorkloads(path: string, text: string): AdapterResult {
  const lc = new LineCounter()
  const errors: SourceError[] = []
  const workloads: Workload[] = []
  for (const doc of parseAllDocuments(text, { version: '1.1', lineCounter: lc, prettyErrors: false })) {
    if (doc.errors.length) {
      for (const e of doc.errors) {
        const { line, col } = lc.linePos(e.pos[0])
        errors.push({
          message: e.message.split('\n')[0] as string,
          location: { file: path, line, column: col },
        })
      }
      continue
    }
    if (doc.contents === null) continue
    let tree: YNode
    try {
      tree = yamlTree(doc, path, lc)
    } catch (err) {
      const { line, col } = lc.linePos(doc.range[0])
      errors.push({ message: (err as Error).message, location: { file: path, line, column: col } })
      continue
    }
    workloads.push(...containersOf(tree, errors))
  }
  return { workloads, errors }
}
