import { inspectToSpec } from '../adapters/inspect/inspect-to-spec.js'
import { errorMessage } from '../errors.js'
import type { Action } from '../model/action.js'
import { decide } from '../policy/decide.js'
import type { Policy } from '../policy/policy.js'
import type { EngineClient } from '../scan/engine-client.js'
import { scanningPolicy } from '../scan/evaluate-workload.js'
import type { ContainerItem, ContainersResponse } from './api-types.js'

function json(body: Buffer): unknown {
  return JSON.parse(body.toString('utf8'))
}

/**
 * The running containers of a daemon with their posture findings: each one's inspect output read
 * back into the ContainerSpec its create request became (`inspectToSpec`) and judged by the policy's
 * rules, without secure defaults (what runs is judged as it runs). A container that went away
 * meanwhile is skipped; one that cannot be read is listed in `errors`. On cgroup v1 daemons a host
 * cgroup namespace is the daemon's default, not the container's choice, and is not reported.
 *
 * @example const lister = () => runningContainers(engineClient('unix:///var/run/docker.sock'), policy())
 */
export async function runningContainers(client: EngineClient, policy: Policy): Promise<ContainersResponse> {
  const list = await client.get('/containers/json')
  if (list.status !== 200) throw new Error(`GET /containers/json answered ${list.status}`)
  const info = await client.get('/info')
  const cgroupV1 =
    info.status === 200 && (json(info.body) as { CgroupVersion?: string }).CgroupVersion === '1'
  const judged = scanningPolicy(policy)
  const items: ContainerItem[] = []
  const errors: string[] = []
  for (const c of json(list.body) as { Id: string; Names?: string[]; Image?: string }[]) {
    const label = (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '')
    try {
      const res = await client.get(`/containers/${encodeURIComponent(c.Id)}/json`)
      if (res.status === 404) continue
      if (res.status !== 200) throw new Error(`inspect answered ${res.status}`)
      const spec = inspectToSpec(res.body)
      if (cgroupV1 && spec.namespaces.cgroup === 'host') spec.namespaces.cgroup = ''
      const decision = decide({ kind: 'container.create', spec } as Action, judged)
      items.push({
        id: spec.id,
        name: spec.name || label,
        image: spec.image || (c.Image ?? ''),
        findings: decision.findings.map((f) => ({
          ruleId: f.ruleId,
          slug: f.slug,
          title: f.title,
          severity: f.severity,
          result: f.result,
          message: f.message,
          ...(f.waivedBy && { waivedBy: f.waivedBy.id }),
        })),
      })
    } catch (err) {
      errors.push(`${label}: ${errorMessage(err)}`)
    }
  }
  items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return { items, errors }
}
