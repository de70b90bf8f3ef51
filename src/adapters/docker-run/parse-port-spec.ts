import { isIP } from 'node:net'
import { InputError } from '../../errors.js'

/** One published port: `80/tcp` in the container, bound on a host interface and port. */
export interface PortMapping {
  containerPort: string
  hostIp: string
  hostPort: string
}

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp'])

function portNumber(raw: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(raw)) return undefined
  const n = Number(raw)
  return n >= 0 && n <= 65535 ? n : undefined
}

function portRange(raw: string): [number, number] | undefined {
  if (raw === '') return undefined
  const dash = raw.indexOf('-')
  const start = portNumber(dash < 0 ? raw : raw.slice(0, dash))
  if (start === undefined) return undefined
  if (dash < 0 || raw.slice(0, dash) === raw.slice(dash + 1)) return [start, start]
  const end = portNumber(raw.slice(dash + 1))
  return end === undefined || end < start ? undefined : [start, end]
}

function splitParts(raw: string): [string, string, string] {
  const parts = raw.split(':')
  const n = parts.length
  if (n === 1) return ['', '', parts[0] as string]
  if (n === 2) return ['', parts[0] as string, parts[1] as string]
  return [parts.slice(0, n - 2).join(':'), parts[n - 2] as string, parts[n - 1] as string]
}

/**
 * Parses a port publication as the docker CLI and compose do (go-connections `nat.ParsePortSpec`):
 * `[ip:][hostPort:]containerPort[/proto]`, IPv6 addresses in brackets, ranges on either side (a host
 * range with a single container port is a range to allocate from). Throws what the CLI would report.
 *
 * @example parsePortSpec('127.0.0.1:8080:80/udp') // [{ containerPort: '80/udp', hostIp: '127.0.0.1', hostPort: '8080' }]
 */
export function parsePortSpec(raw: string): PortMapping[] {
  let [ip, hostPort, container] = splitParts(raw)
  const slash = container.indexOf('/')
  const port = slash < 0 ? container : container.slice(0, slash)
  const proto = (
    slash < 0 || container.slice(slash + 1) === '' ? 'tcp' : container.slice(slash + 1)
  ).toLowerCase()
  container = port
  if (container === '') throw new InputError(`no port specified: ${raw}<empty>`)
  if (!PROTOCOLS.has(proto)) throw new InputError(`invalid proto: ${proto}`)
  if (ip.startsWith('[')) {
    if (!ip.endsWith(']')) throw new InputError(`invalid IP address ${ip}`)
    ip = ip.slice(1, -1)
  }
  if (ip !== '' && isIP(ip) === 0) throw new InputError(`invalid IP address: ${ip}`)
  const cRange = portRange(container)
  if (!cRange) throw new InputError(`invalid containerPort: ${container}`)
  let hRange: [number, number] = [0, 0]
  if (hostPort !== '') {
    const h = portRange(hostPort)
    if (!h) throw new InputError(`invalid hostPort: ${hostPort}`)
    hRange = h
    if (cRange[1] - cRange[0] !== h[1] - h[0] && cRange[1] !== cRange[0]) {
      throw new InputError(
        `invalid ranges specified for container and host Ports: ${container} and ${hostPort}`,
      )
    }
  }
  const count = cRange[1] - cRange[0] + 1
  const out: PortMapping[] = []
  for (let i = 0; i < count; i++) {
    let hPort = ''
    if (hostPort !== '') {
      hPort = String(hRange[0] + i)
      if (count === 1 && hRange[0] !== hRange[1]) hPort += `-${hRange[1]}`
    }
    out.push({ containerPort: `${cRange[0] + i}/${proto}`, hostIp: ip, hostPort: hPort })
  }
  return out
}
