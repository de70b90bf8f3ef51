import { isIP } from 'node:net'
import * as path from 'node:path'
import { InputError } from '../../errors.js'

/** A place to listen on or connect to: a unix socket path or a TCP host and port. */
export type Endpoint = { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: number }

/**
 * Parses `unix:///abs/path.sock` or `tcp://host:port` (IPv6 hosts in brackets). Relative unix paths
 * are resolved against the working directory. Throws InputError for anything else.
 *
 * @example parseEndpoint('tcp://127.0.0.1:2375') // { kind: 'tcp', host: '127.0.0.1', port: 2375 }
 */
export function parseEndpoint(url: string): Endpoint {
  if (url.startsWith('unix://')) {
    const p = url.slice('unix://'.length)
    if (p === '') throw new InputError(`${url}: a unix socket URL needs a path (unix:///run/airlock.sock)`)
    return { kind: 'unix', path: path.resolve(p) }
  }
  const m = /^tcp:\/\/(\[[^\]]+\]|[^:/[\]]+):([0-9]{1,5})\/?$/.exec(url)
  if (m) {
    const host = (m[1] as string).replace(/^\[|\]$/g, '')
    const port = Number(m[2])
    if (port < 1 || port > 65535) throw new InputError(`${url}: port must be 1-65535`)
    return { kind: 'tcp', host, port }
  }
  throw new InputError(`${url}: expected unix:///path/to.sock or tcp://host:port`)
}

/** The URL form of an endpoint, as DOCKER_HOST takes it. */
export function endpointUrl(e: Endpoint): string {
  if (e.kind === 'unix') return `unix://${e.path}`
  return `tcp://${isIP(e.host) === 6 ? `[${e.host}]` : e.host}:${e.port}`
}

/**
 * Whether a TCP host is a loopback address (127.0.0.0/8, ::1, localhost). Names other than
 * `localhost` are not resolved: they count as not loopback.
 *
 * @example isLoopbackHost('127.0.0.2') // true
 */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1' || host === '0:0:0:0:0:0:0:1') return true
  if (isIP(host) === 4) return host.startsWith('127.')
  const mapped = /^::ffff:(127\.[0-9.]+)$/i.exec(host)
  return mapped !== null && isIP(mapped[1] as string) === 4
}
