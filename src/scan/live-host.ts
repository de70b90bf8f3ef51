import { inspectToSpec } from '../adapters/inspect/inspect-to-spec.js'
import type { SourceError, SourceLocation, Workload } from '../adapters/workload.js'
import { errorMessage } from '../errors.js'
import type { DaemonPosture } from '../model/daemon-posture.js'
import { collectDaemonPosture } from './collect-daemon-posture.js'
import type { EngineClient } from './engine-client.js'
import type { HostProbe } from './host-probe.js'
import { locateDaemonPath } from './locate-daemon.js'

/** What a live host gave: its containers as workloads and its own posture. */
export interface LiveHostScan {
  host: string
  workloads: Workload[]
  posture: DaemonPosture
  locatePosture: (path: readonly (string | number)[]) => SourceLocation
  errors: SourceError[]
}

function containerWorkload(name: string, spec: Workload['spec']): Workload {
  const location: SourceLocation = { file: `docker://${name}`, line: 0, column: 0 }
  return { name: `container ${name}`, format: 'container', spec, location, locate: () => location }
}

/**
 * Scans a running daemon: every container (`GET /containers/json?all=1`, then each one's inspect
 * output through `inspectToSpec`, the same ContainerSpec its create request became) and the
 * daemon's posture. A container removed while the scan runs is skipped.
 *
 * @example const live = await scanLiveHost(engineClient('unix:///var/run/docker.sock'), localHostProbe())
 */
export async function scanLiveHost(client: EngineClient, probe: HostProbe): Promise<LiveHostScan> {
  const list = await client.get('/containers/json?all=1')
  if (list.status !== 200) {
    throw new Error(
      `GET /containers/json on ${client.host} answered ${list.status}: ${list.body.toString('utf8').slice(0, 200)}`,
    )
  }
  const containers = JSON.parse(list.body.toString('utf8')) as { Id: string; Names?: string[] }[]
  const workloads: Workload[] = []
  const errors: SourceError[] = []
  for (const c of containers) {
    const label = (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '')
    const res = await client.get(`/containers/${encodeURIComponent(c.Id)}/json`)
    if (res.status === 404) continue
    try {
      if (res.status !== 200) throw new Error(`inspect answered ${res.status}`)
      const spec = inspectToSpec(res.body)
      workloads.push(containerWorkload(spec.name || label, spec))
    } catch (err) {
      errors.push({
        message: `cannot read container ${label}: ${errorMessage(err)}`,
        location: { file: `docker://${label}`, line: 0, column: 0 },
      })
    }
  }
  workloads.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const { posture, sources } = await collectDaemonPosture(client, probe)
  // dockerd writes its default cgroupns mode into every container's HostConfig: a `host` that is the
  // default says nothing about the container, and AL-0212 reports it once for the daemon.
  if (posture.defaultCgroupnsMode === 'host') {
    for (const w of workloads) if (w.spec.namespaces.cgroup === 'host') w.spec.namespaces.cgroup = ''
  }
  return {
    host: client.host,
    workloads,
    posture,
    locatePosture: locateDaemonPath(posture, sources.config?.text),
    errors,
  }
}
