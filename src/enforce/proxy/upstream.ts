import * as http from 'node:http'
import * as net from 'node:net'
import { type Endpoint, endpointUrl } from './endpoint.js'
import type { LookupResult, UpstreamLookup } from './upstream-lookup.js'

/** What the proxy sends upstream: method, target and raw headers. */
export interface UpstreamRequest {
  method: string
  path: string
  headers: string[]
}

/** Largest answer `get` reads (inspect documents are a few KiB). */
const LOOKUP_MAX_BYTES = 4 * 1024 * 1024

/**
 * The Docker daemon behind the proxy: a keep-alive connection pool for ordinary requests, fresh raw
 * connections for hijacked streams, and small JSON lookups with a timeout.
 *
 * @example
 * const up = new Upstream(parseEndpoint('unix:///var/run/docker.sock'))
 * const req = up.request({ method: 'GET', path: '/_ping', headers: ['Host', 'docker'] })
 */
export class Upstream implements UpstreamLookup {
  readonly endpoint: Endpoint
  readonly url: string
  readonly agent: http.Agent
  readonly lookupTimeoutMs: number

  constructor(endpoint: Endpoint, opts: { lookupTimeoutMs?: number; maxSockets?: number } = {}) {
    this.endpoint = endpoint
    this.url = endpointUrl(endpoint)
    this.lookupTimeoutMs = opts.lookupTimeoutMs ?? 3000
    this.agent = new http.Agent({
      keepAlive: true,
      keepAliveMsecs: 10_000,
      maxSockets: opts.maxSockets ?? 512,
      maxFreeSockets: 64,
      scheduling: 'lifo',
    })
  }

  /** Airlock and the daemon share a host (and so host paths): the daemon is on a unix socket. */
  get local(): boolean {
    return this.endpoint.kind === 'unix'
  }

  /** Starts a request on a pooled keep-alive connection. The caller writes the body and ends it. */
  request(req: UpstreamRequest): http.ClientRequest {
    const where =
      this.endpoint.kind === 'unix'
        ? { socketPath: this.endpoint.path }
        : { host: this.endpoint.host, port: this.endpoint.port }
    return http.request({
      ...where,
      agent: this.agent,
      method: req.method,
      path: req.path,
      headers: req.headers,
      setHost: false,
    })
  }

  /** Opens a new raw connection (for hijacked streams), half-close allowed. */
  connect(): net.Socket {
    const s =
      this.endpoint.kind === 'unix'
        ? net.createConnection({ path: this.endpoint.path, allowHalfOpen: true })
        : net.createConnection({ host: this.endpoint.host, port: this.endpoint.port, allowHalfOpen: true })
    if (this.endpoint.kind === 'tcp') s.setNoDelay(true)
    return s
  }

  /** GET `path` and parse the JSON answer (undefined when it is not JSON). */
  get(path: string, timeoutMs = this.lookupTimeoutMs): Promise<LookupResult> {
    return new Promise((resolve, reject) => {
      const req = this.request({ method: 'GET', path, headers: ['Host', 'docker'] })
      const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
      req.on('error', (err) => {
        clearTimeout(timer)
        reject(err)
      })
      req.on('response', (res) => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (c: Buffer) => {
          size += c.length
          if (size > LOOKUP_MAX_BYTES) req.destroy(new Error(`answer larger than ${LOOKUP_MAX_BYTES} bytes`))
          else chunks.push(c)
        })
        res.on('end', () => {
          clearTimeout(timer)
          const text = Buffer.concat(chunks).toString('utf8')
          let json: unknown
          try {
            json = JSON.parse(text)
          } catch {
            json = undefined
          }
          resolve({ status: res.statusCode ?? 0, json: json === undefined && text ? text : json })
        })
        res.on('error', () => {})
      })
      req.end()
    })
  }

  /** Closes pooled connections. */
  close(): void {
    this.agent.destroy()
  }
}
