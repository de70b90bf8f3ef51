import type { IncomingHttpHeaders } from 'node:http'
import type { AuditEventInput } from '../../../src/audit/audit-event.js'
import { AuditSink } from '../../../src/enforce/proxy/audit-sink.js'
import { anonymousAuthenticator } from '../../../src/enforce/proxy/authenticate.js'
import { BodyDigest } from '../../../src/enforce/proxy/body-digest.js'
import type { BodySource } from '../../../src/enforce/proxy/body-source.js'
import type { ProxyDeps, UpstreamPort } from '../../../src/enforce/proxy/deps.js'
import { type Exchange, newExchange } from '../../../src/enforce/proxy/exchange.js'
import type { Log } from '../../../src/enforce/proxy/log.js'
import { interpretRequest } from '../../../src/engine-api/interpret/index.js'
import { builtinPolicy } from '../../../src/policy/profiles.js'

/** A body source over a fixed buffer (or none). */
export function bufferBody(bytes?: Buffer, declared = bytes?.length): BodySource {
  return {
    declaredLength: declared,
    empty: bytes === undefined || bytes.length === 0,
    read: async (max, onChunk) => {
      const b = bytes ?? Buffer.alloc(0)
      if (b.length > max) {
        const { bodyTooLarge } = await import('../../../src/enforce/proxy/body-limit.js')
        throw bodyTooLarge(max)
      }
      if (b.length) onChunk?.(b)
      return b
    },
    stream: () => {
      throw new Error('no stream in this stub')
    },
  }
}

/** What a stub client was told. */
export interface SentError {
  status: number
  message: string
  close: boolean
}

export interface StubExchangeInit {
  method?: string
  target?: string
  rawHeaders?: string[]
  httpVersion?: string
  body?: Buffer
  upgrade?: boolean
}

/** An exchange with a stub client that records the errors sent to it. */
export function stubExchange(init: StubExchangeInit = {}): Exchange & { sent: SentError[] } {
  const raw = init.rawHeaders ?? ['Host', 'docker']
  const headers: IncomingHttpHeaders = {}
  for (let i = 0; i < raw.length; i += 2) headers[(raw[i] as string).toLowerCase()] ??= raw[i + 1] as string
  const sent: SentError[] = []
  const ex = newExchange({
    listener: { name: 'unix:///tmp/test.sock', kind: 'unix' },
    method: init.method ?? 'GET',
    target: init.target ?? '/_ping',
    httpVersion: init.httpVersion ?? '1.1',
    headers,
    rawHeaders: raw,
    upgrade: init.upgrade ?? false,
    body: bufferBody(init.body),
    client: {
      gone: false,
      sendError: (status, message, close) => sent.push({ status, message, close }),
    },
    digest: new BodyDigest(),
  })
  return Object.assign(ex, { sent })
}

/** An audit store stub: records calls in order; `failAppend` makes the durable append throw. */
export class StubStore {
  readonly calls: { kind: 'append' | 'deferred'; event: AuditEventInput }[] = []
  failAppend = false
  failDeferred = false
  append(event: AuditEventInput) {
    if (this.failAppend) throw new Error('disk full')
    this.calls.push({ kind: 'append', event })
    return { seq: this.calls.length, ...event } as never
  }
  appendDeferred(event: AuditEventInput) {
    if (this.failDeferred) throw new Error('queue full')
    this.calls.push({ kind: 'deferred', event })
  }
  flush() {
    if (this.failDeferred) throw new Error('disk full')
  }
}

/** A logger that keeps what it was told. */
export function memoryLog(): Log & { lines: { level: string; obj: object; msg?: string }[] } {
  const lines: { level: string; obj: object; msg?: string }[] = []
  const at = (level: string) => (obj: object, msg?: string) =>
    void lines.push({ level, obj, ...(msg !== undefined && { msg }) })
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    isLevelEnabled: () => true,
  }
}

const noUpstream: UpstreamPort = {
  url: 'unix:///nonexistent/docker.sock',
  request: () => {
    throw new Error('no upstream in this stub')
  },
  connect: () => {
    throw new Error('no upstream in this stub')
  },
}

/** Dependencies of the passes with stubs: baseline policy, the real interpreter, no upstream. */
export function stubDeps(
  overrides: Partial<ProxyDeps> = {},
  store = new StubStore(),
): ProxyDeps & { store: StubStore } {
  return {
    policy: () => builtinPolicy('baseline'),
    authenticator: anonymousAuthenticator,
    grants: () => [],
    interpret: interpretRequest,
    resolve: { lookup: { get: async () => ({ status: 404, json: { message: 'not found' } }) }, local: false },
    audit: new AuditSink(store),
    upstream: noUpstream,
    limits: { maxBody: 1024 * 1024, maxJsonBody: 64 * 1024 },
    defaultVersion: '1.41',
    log: memoryLog(),
    store,
    ...overrides,
  }
}
