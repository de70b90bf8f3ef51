import type { ContainerSpecInput, PortBinding } from '../../model/container-spec.js'
import { asInt, asList, asMap, asString, child } from '../compose/compose-values.js'
import type { YNode } from '../compose/yaml-tree.js'
import { parseQuantity } from './parse-quantity.js'
import { guard, mark, type PodContext } from './pod-context.js'
import { podSecurity } from './pod-security.js'
import { podVolumes } from './pod-volumes.js'

function strings(n: YNode | undefined): string[] {
  return n ? asList(n).map((x) => asString(x)) : []
}

function ports(ctx: PodContext): void {
  const bindings: PortBinding[] = []
  const nodes: YNode[] = []
  const exposed = new Set<string>()
  const list = child(ctx.container, 'ports')
  for (const p of list ? asList(list) : []) {
    guard(ctx, p, () => {
      const cp = child(p, 'containerPort')
      if (!cp) return
      const proto = child(p, 'protocol')
      const containerPort = `${asInt(cp, 'containerPort')}/${proto ? asString(proto).toLowerCase() : 'tcp'}`
      exposed.add(containerPort)
      const hostPort = child(p, 'hostPort')
      if (!hostPort || asInt(hostPort, 'hostPort') === 0) return
      const hostIp = child(p, 'hostIP')
      nodes.push(p)
      bindings.push({
        containerPort,
        hostIp: hostIp ? asString(hostIp) : '',
        hostPort: String(asInt(hostPort)),
      })
    })
  }
  // Ordered by container port, as the other adapters order them (dockerd's view of a JSON map).
  const order = bindings
    .map((b, i) => ({ b, i }))
    .sort((x, y) =>
      x.b.containerPort < y.b.containerPort ? -1 : x.b.containerPort > y.b.containerPort ? 1 : x.i - y.i,
    )
  ctx.spec.ports = order.map((o) => o.b)
  for (const [i, o] of order.entries()) mark(ctx, ['ports', i], nodes[o.i])
  ctx.spec.exposedPorts = [...exposed].sort()
}

function resources(ctx: PodContext): void {
  const r = child(ctx.container, 'resources')
  const limits = child(r, 'limits')
  const requests = child(r, 'requests')
  const out: NonNullable<ContainerSpecInput['resources']> = {}
  const memory = child(limits, 'memory')
  if (memory)
    guard(ctx, memory, () => {
      out.memory = Math.ceil(parseQuantity(asString(memory)))
      mark(ctx, ['resources', 'memory'], memory)
    })
  const cpu = child(limits, 'cpu')
  if (cpu)
    guard(ctx, cpu, () => {
      out.nanoCpus = Math.ceil(parseQuantity(asString(cpu)) * 1000) * 1e6
      mark(ctx, ['resources', 'nanoCpus'], cpu)
    })
  const cpuRequest = child(requests, 'cpu')
  if (cpuRequest)
    guard(ctx, cpuRequest, () => {
      // The kubelet's MilliCPUToShares.
      out.cpuShares = Math.max(
        2,
        Math.floor((Math.ceil(parseQuantity(asString(cpuRequest)) * 1000) * 1024) / 1000),
      )
      mark(ctx, ['resources', 'cpuShares'], cpuRequest)
    })
  ctx.spec.resources = out
  const requestsGpu: NonNullable<ContainerSpecInput['deviceRequests']> = []
  if (limits?.kind === 'map') {
    for (const [name, v] of limits.entries) {
      if (!/\/gpu$/.test(name)) continue
      mark(ctx, ['deviceRequests', requestsGpu.length], v)
      requestsGpu.push({
        driver: name.slice(0, name.indexOf('/')),
        count: asInt(v, name),
        capabilities: [['gpu']],
      })
    }
  }
  ctx.spec.deviceRequests = requestsGpu
}

function env(ctx: PodContext): void {
  const list = child(ctx.container, 'env')
  ctx.spec.env = (list ? asList(list) : []).map((e, i) => {
    const name = asString(child(e, 'name') ?? e)
    const value = child(e, 'value')
    mark(ctx, ['env', i], e)
    return value ? `${name}=${asString(value)}` : child(e, 'valueFrom') ? name : `${name}=`
  })
}

/**
 * Maps one container of a pod template to a ContainerSpec: image, command (the entrypoint) and args
 * (the command), workingDir, env (`valueFrom` entries by name only), ports (hostPort bindings with
 * hostIP; containerPort as exposed), resource limits (memory, cpu; cpu requests as the kubelet's
 * CPU shares; `*\/gpu` extended resources as device requests), the security settings
 * (`podSecurity`), the mounts (`podVolumes`), pod sysctls, runtimeClassName as the runtime, and the
 * pod template's labels. Where each value was written goes into `ctx.origins`.
 *
 * @example podContainerToSpec(ctx).image // 'nginx:1.27'
 */
export function podContainerToSpec(ctx: PodContext): ContainerSpecInput {
  const s = ctx.spec
  const c = ctx.container
  s.name = ctx.containerName
  const image = child(c, 'image')
  if (image)
    guard(ctx, image, () => {
      s.image = asString(image)
      mark(ctx, ['image'], image)
    })
  for (const [key, path] of [
    ['command', 'entrypoint'],
    ['args', 'command'],
  ] as const) {
    const n = child(c, key)
    if (n)
      guard(ctx, n, () => {
        s[path] = strings(n)
        mark(ctx, [path], n)
      })
  }
  const wd = child(c, 'workingDir')
  if (wd)
    guard(ctx, wd, () => {
      s.workingDir = asString(wd)
      mark(ctx, ['workingDir'], wd)
    })
  guard(ctx, c, () => env(ctx))
  guard(ctx, c, () => ports(ctx))
  guard(ctx, c, () => resources(ctx))
  podSecurity(ctx)
  podVolumes(ctx)
  const sysctls = child(child(ctx.pod.spec, 'securityContext'), 'sysctls')
  if (sysctls)
    guard(ctx, sysctls, () => {
      s.sysctls = {}
      for (const item of asList(sysctls)) {
        const name = asString(child(item, 'name') ?? item)
        const value = child(item, 'value')
        s.sysctls[name] = value ? asString(value) : ''
        mark(ctx, ['sysctls', name], item)
      }
    })
  const runtime = child(ctx.pod.spec, 'runtimeClassName')
  if (runtime)
    guard(ctx, runtime, () => {
      s.runtime = asString(runtime)
      mark(ctx, ['runtime'], runtime)
    })
  const labels = child(ctx.pod.metadata, 'labels')
  if (labels)
    guard(ctx, labels, () => {
      s.labels = Object.fromEntries([...asMap(labels, 'labels').entries].map(([k, v]) => [k, asString(v)]))
    })
  return s
}
