import type { RawFinding } from '../../model/finding.js'
import { joinedContainer } from '../../model/namespace-kind.js'
import { defineRule } from '../rule.js'

const EFFECT = {
  pid: "sees, signals and can trace that container's processes and reaches its file system through /proc/<pid>/root",
  ipc: "reads and writes that container's shared memory and semaphores",
  uts: "shares and can change that container's hostname",
} as const

export default defineRule({
  id: 'AL-0008',
  slug: 'no-join-container-pid-ipc',
  title: "Containers must not join another container's PID, IPC, UTS namespace or cgroup",
  severity: 'high',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "Joining another container's PID namespace (--pid container:x) exposes that container's processes, memory and root file system; its IPC namespace, its shared memory; HostConfig.Cgroup container:x puts this container's processes into the other container's cgroup. The caller reaches into a workload it may not own: a database's secrets, a privileged agent's process.",
  remediation:
    'Remove --pid container:<name>, --ipc container:<name>, --uts container:<name> (compose: pid: "service:db", ipc: "service:db"; Kubernetes: shareProcessNamespace) and the Cgroup field; share data through a volume or the network instead.',
  frameworks: {},
  check: (spec) => {
    const out: RawFinding[] = []
    for (const ns of ['pid', 'ipc', 'uts'] as const) {
      const target = joinedContainer(spec.namespaces[ns])
      if (target === undefined) continue
      out.push({
        message: `${ns} namespace joins container "${target}" (mode "${spec.namespaces[ns]}"): this container ${EFFECT[ns]}`,
        path: ['namespaces', ns],
      })
    }
    const cgroupTarget = joinedContainer(spec.namespaces.cgroupSpec)
    if (cgroupTarget !== undefined) {
      out.push({
        message: `cgroup joins container "${cgroupTarget}" (Cgroup "${spec.namespaces.cgroupSpec}"): its processes share that container's cgroup and limits`,
        path: ['namespaces', 'cgroupSpec'],
      })
    }
    return out
  },
  fixtures: {
    pass: [
      {},
      { namespaces: { pid: 'private', ipc: 'shareable', uts: '' } },
      { namespaces: { network: 'container:db' } },
      { namespaces: { pid: 'containerx:db' } },
    ],
    fail: [
      { namespaces: { pid: 'container:db' } },
      { namespaces: { ipc: 'container:3f2a9c' } },
      { namespaces: { uts: 'container:web' } },
      { namespaces: { cgroupSpec: 'container:agent' } },
      { namespaces: { pid: 'container:' } },
    ],
  },
})
