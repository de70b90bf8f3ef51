import type { PortBinding } from '../../model/container-spec.js'
import { parsePortSpec } from '../docker-run/parse-port-spec.js'
import { asInt, asList, asString, ComposeValueError } from './compose-values.js'
import { field, guard, mark, type ServiceContext } from './service-context.js'
import type { YNode } from './yaml-tree.js'

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function longPort(n: YNode & { kind: 'map' }): PortBinding {
  const get = (k: string) => n.entries.get(k)
  const target = get('target')
  if (!target) throw new ComposeValueError('a port needs a target', n)
  const protocol = get('protocol')
  const published = get('published')
  const hostIp = get('host_ip')
  return {
    containerPort: `${asInt(target, 'target')}/${protocol ? asString(protocol).toLowerCase() : 'tcp'}`,
    hostIp: hostIp ? asString(hostIp) : '',
    hostPort: published ? asString(published) : '',
  }
}

function exposeRange(n: YNode): string[] {
  const value = asString(n)
  const m = /^([0-9]+)(?:-([0-9]+))?(?:\/([a-z]+))?$/i.exec(value)
  const start = Number(m?.[1])
  const end = m?.[2] === undefined ? start : Number(m[2])
  if (!m || end < start || end > 65535) throw new ComposeValueError(`invalid expose value "${value}"`, n)
  return Array.from({ length: end - start + 1 }, (_, i) => `${start + i}/${(m[3] ?? 'tcp').toLowerCase()}`)
}

/**
 * The published and exposed ports of a compose service: `ports` in short syntax (parsed as the docker
 * CLI parses `-p`: `8080:80`, `127.0.0.1:8080:80/udp`, `80`, ranges) and long syntax (`target`,
 * `published`, `host_ip`, `protocol`), and `expose`. Ordered as dockerd decodes them (by port).
 *
 * @example servicePorts(ctx) // ctx.spec.ports = [{ containerPort: '80/tcp', hostIp: '127.0.0.1', hostPort: '8080' }]
 */
export function servicePorts(ctx: ServiceContext): void {
  const groups = new Map<string, { port: PortBinding; node: YNode; index: number }[]>()
  field(ctx, 'ports', (ports) => {
    asList(ports).forEach((n, index) => {
      guard(ctx, n, () => {
        const parsed = n.kind === 'map' ? [longPort(n)] : parseSpec(n)
        for (const port of parsed) {
          groups.set(port.containerPort, [
            ...(groups.get(port.containerPort) ?? []),
            { port, node: n, index },
          ])
        }
      })
    })
  })
  const exposed = new Set(groups.keys())
  field(ctx, 'expose', (e) => {
    for (const n of asList(e)) {
      guard(ctx, n, () => {
        for (const p of exposeRange(n)) exposed.add(p)
      })
    }
  })
  const bindings = [...groups.keys()].sort(byKey).flatMap((k) => groups.get(k) ?? [])
  ctx.spec.ports = bindings.map((b, i) => {
    mark(ctx, ['ports', i], b.node)
    return { ...b.port, origin: ['services', ctx.name, 'ports', b.index] }
  })
  ctx.spec.exposedPorts = [...exposed].sort(byKey)
}

function parseSpec(n: YNode): PortBinding[] {
  try {
    return parsePortSpec(asString(n))
  } catch (err) {
    throw new ComposeValueError(`invalid port "${asString(n)}": ${(err as Error).message}`, n)
  }
}
