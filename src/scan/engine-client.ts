import { readFileSync } from 'node:fs'
import { request as httpRequest, type RequestOptions } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { join } from 'node:path'
import { InputError } from '../errors.js'

/** A read-only Engine API client: GET a path, get the status and body. */
export interface EngineClient {
  /** The daemon address as given (`unix:///var/run/docker.sock`, `tcp://host:2376`). */
  host: string
  /** Whether the connection uses TLS (an `https://` host, or tcp:// with DOCKER_TLS_VERIFY). */
  tls: boolean
  get(path: string): Promise<{ status: number; body: Buffer }>
}

/**
 * The daemon address a scan uses without `--docker HOST`: DOCKER_HOST, else the default socket.
 *
 * @example defaultDockerHost({ DOCKER_HOST: 'tcp://10.0.0.5:2376' }) // 'tcp://10.0.0.5:2376'
 */
export function defaultDockerHost(env: NodeJS.ProcessEnv = process.env): string {
  return env['DOCKER_HOST'] || 'unix:///var/run/docker.sock'
}

function tlsFiles(
  env: NodeJS.ProcessEnv,
): Pick<RequestOptions & { ca?: Buffer; cert?: Buffer; key?: Buffer }, 'ca' | 'cert' | 'key'> {
  const dir = env['DOCKER_CERT_PATH'] || join(env['HOME'] ?? '', '.docker')
  const read = (name: string) => {
    try {
      return readFileSync(join(dir, name))
    } catch {
      return undefined
    }
  }
  const ca = read('ca.pem')
  const cert = read('cert.pem')
  const key = read('key.pem')
  return { ...(ca && { ca }), ...(cert && { cert }), ...(key && { key }) }
}

/**
 * A client for `host` as the docker CLI reads it: `unix://PATH`, `tcp://HOST:PORT` (TLS with the
 * certificates in DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set), `http://` or `https://`.
 *
 * @example const info = JSON.parse((await engineClient('unix:///var/run/docker.sock').get('/info')).body.toString())
 */
export function engineClient(
  host: string,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 30_000,
): EngineClient {
  let base: RequestOptions
  let tls = false
  const unix = /^unix:\/\/(\/.*)$/.exec(host)
  if (unix) base = { socketPath: unix[1] as string }
  else {
    let url: URL
    try {
      url = new URL(
        host.replace(/^tcp:\/\//i, env['DOCKER_TLS_VERIFY'] || env['DOCKER_TLS'] ? 'https://' : 'http://'),
      )
    } catch {
      throw new InputError(
        `--docker ${host}: not a daemon address; write unix:///var/run/docker.sock or tcp://host:2376`,
      )
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new InputError(
        `--docker ${host}: unsupported scheme ${url.protocol}; use unix://, tcp://, http:// or https://`,
      )
    }
    tls = url.protocol === 'https:'
    base = {
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || (tls ? 2376 : 2375),
      ...(tls && { ...tlsFiles(env), rejectUnauthorized: true }),
    }
  }
  const send = tls ? httpsRequest : httpRequest
  return {
    host,
    tls,
    get(path) {
      return new Promise((resolve, reject) => {
        const req = send(
          { ...base, path, method: 'GET', headers: { Host: 'docker' }, timeout: timeoutMs },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (c: Buffer) => chunks.push(c))
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }))
            res.on('error', reject)
          },
        )
        req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)))
        req.on('error', (err) =>
          reject(
            new InputError(`cannot reach the Docker daemon at ${host} (GET ${path}): ${err.message}`, {
              cause: err,
            }),
          ),
        )
        req.end()
      })
    },
  }
}
