import * as fs from 'node:fs'
import * as http from 'node:http'
import * as https from 'node:https'
import * as path from 'node:path'
import { AirlockError, errorMessage } from '../../../errors.js'
import { CLIENT_FILES } from '../../../identity/certs/tls-files.js'
import { parseEndpoint } from '../endpoint.js'

/** How to reach the admin API. */
export interface AdminClientOptions {
  /** `unix:///run/airlock/admin.sock` or `tcp://127.0.0.1:PORT`. */
  url: string
  /** Bearer token (plain admin listeners). */
  token?: string
  /** A client folder (`airlock certs issue`) for a TLS admin listener. */
  certPath?: string
}

/**
 * Calls the admin API: `method path` with an optional JSON body; resolves with the parsed answer on
 * 2xx and throws `E_ADMIN` with the API's message otherwise.
 *
 * @example await adminCall({ url: 'unix:///run/airlock/admin.sock', token }, 'GET', '/v1/grants')
 */
export function adminCall(
  opts: AdminClientOptions,
  method: string,
  pathname: string,
  body?: unknown,
): Promise<unknown> {
  const e = parseEndpoint(opts.url)
  const text = body === undefined ? undefined : JSON.stringify(body)
  // Over TLS the Host header names the server whose certificate is checked.
  const headers: Record<string, string> = {
    Host: e.kind === 'tcp' ? (e.host.includes(':') ? `[${e.host}]` : e.host) : 'airlock',
  }
  if (opts.token) headers['Authorization'] = `Bearer ${opts.token}`
  if (text !== undefined) {
    headers['Content-Type'] = 'application/json'
    headers['Content-Length'] = String(Buffer.byteLength(text))
  }
  const tlsFiles = opts.certPath
    ? {
        ca: fs.readFileSync(path.join(opts.certPath, CLIENT_FILES.ca)),
        cert: fs.readFileSync(path.join(opts.certPath, CLIENT_FILES.cert)),
        key: fs.readFileSync(path.join(opts.certPath, CLIENT_FILES.key)),
      }
    : undefined
  const where = e.kind === 'unix' ? { socketPath: e.path } : { host: e.host, port: e.port }
  return new Promise((resolve, reject) => {
    const req = (tlsFiles && e.kind === 'tcp' ? https : http).request(
      {
        ...where,
        method,
        path: pathname,
        headers,
        ...tlsFiles,
        timeout: 60_000,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8')
          let json: unknown
          try {
            json = raw ? JSON.parse(raw) : undefined
          } catch {
            json = raw
          }
          const status = res.statusCode ?? 0
          if (status >= 200 && status < 300) return resolve(json)
          const message =
            typeof json === 'object' && json !== null && 'message' in json
              ? String((json as { message: unknown }).message)
              : raw
          reject(new AirlockError('E_ADMIN', `admin API ${method} ${pathname}: ${status} ${message}`))
        })
      },
    )
    req.on('timeout', () => req.destroy(new Error('no answer within 60 s')))
    req.on('error', (err) =>
      reject(
        new AirlockError('E_ADMIN', `cannot reach the admin API at ${opts.url}: ${errorMessage(err)}`, {
          cause: err,
        }),
      ),
    )
    req.end(text)
  })
}
