import { randomUUID } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { ClassifiedRequest } from '../../engine-api/classify.js'
import type { Interpretation } from '../../engine-api/interpret/interpretation.js'
import type { PeerCertificate } from '../../identity/peer-certificate.js'
import type { Role } from '../../identity/roles.js'
import type { Action } from '../../model/action.js'
import type { Decision, Mutation } from '../../model/decision.js'
import type { Identity } from '../../model/identity.js'
import type { ConcurrencyClass } from '../../monitor/action-class.js'
import type { BodyDigest } from './body-digest.js'
import type { BodySource } from './body-source.js'

/** The listener a request came in on: its name (the listen URL) is the caller when nobody is identified. */
export interface ListenerInfo {
  name: string
  kind: 'unix' | 'tcp'
  /** Served over TLS with client certificates. */
  tls?: boolean
}

/** An object a request names, as the daemon resolved it (full id) and who owns it. */
export interface ResolvedObject {
  type: 'container' | 'exec' | 'volume' | 'network' | 'image'
  /** The reference as the client wrote it. */
  ref: string
  /** The full id (containers, execs, networks) or name (volumes) forwarded instead of `ref`. */
  id: string
  labels: Record<string, string>
}

/** How the proxy answers a client itself (errors and denials). */
export interface ClientSide {
  /**
   * Replies with Docker's JSON error body and `status` (and `headers`, e.g. `Retry-After`); closes
   * the connection when `close`.
   */
  sendError(
    status: number,
    message: string,
    close: boolean,
    headers?: Readonly<Record<string, string>> | undefined,
  ): void
  /** True once the client connection is closed. */
  readonly gone: boolean
}

/**
 * One request's state as it goes through the passes. Each pass reads what earlier passes set and
 * adds its own field; the audit record is built from it.
 */
export interface Exchange {
  readonly id: string
  /** Arrival time, ISO 8601. */
  readonly time: string
  /** `performance.now()` at arrival. */
  readonly started: number
  readonly listener: ListenerInfo
  readonly method: string
  /** The request target exactly as received. */
  readonly target: string
  readonly httpVersion: string
  /** Node's view of the headers (lower-cased, some duplicates joined or dropped). */
  readonly headers: IncomingHttpHeaders
  /** Every header line as sent, [name, value, name, value, ...]. */
  readonly rawHeaders: readonly string[]
  /** True when the request arrived as an HTTP Upgrade (hijacked stream). */
  readonly upgrade: boolean
  readonly body: BodySource
  readonly client: ClientSide
  /** The request body as received so far: byte count and SHA-256. */
  readonly digest: BodyDigest
  /** The client certificate, on TLS listeners. */
  readonly peer?: PeerCertificate | undefined
  identity?: Identity
  /** The caller's role, once authorized. */
  role?: Role
  /** The object the route names, once resolved on the daemon (ownership pass). */
  resolved?: ResolvedObject
  request?: ClassifiedRequest
  /** The buffered body (json routes); undefined when none was read. */
  bodyBuffer?: Buffer
  interpretation?: Interpretation
  /** The action after resolution: what `decide()` sees. */
  action?: Action
  decision?: Decision
  /** Changes Airlock itself makes to an allowed request body (owner labels, resolved references). */
  extraMutations?: Mutation[]
  /** The durable pre-forward record was written: the outcome is recorded as a completion. */
  recorded: boolean
  upstreamStatus: number | null
  responseBytes: number
  /** Bytes relayed from the client after an upgrade. */
  streamBytes: number
  /** Status sent to the client (0 while none). */
  status: number
  /** The concurrency slot (attach, build) the rate-limit pass took for this call: released at its end. */
  slot: ConcurrencyClass | undefined
  /** `performance.now()` when the terminal pass began sending to the daemon. */
  forwardedAt: number | undefined
  /** `performance.now()` when the daemon's response head arrived. */
  upstreamHeadAt: number | undefined
  /** `performance.now()` when Airlock answered the client itself (a refusal). */
  answeredAt: number | undefined
}

export interface NewExchange {
  listener: ListenerInfo
  method: string
  target: string
  httpVersion: string
  headers: IncomingHttpHeaders
  rawHeaders: readonly string[]
  upgrade: boolean
  body: BodySource
  client: ClientSide
  digest: BodyDigest
  peer?: PeerCertificate | undefined
}

/**
 * Starts the state of one request.
 *
 * @example const ex = newExchange({ listener, method: 'GET', target: '/_ping', ... })
 */
export function newExchange(init: NewExchange): Exchange {
  return {
    ...init,
    id: randomUUID(),
    time: new Date().toISOString(),
    started: performance.now(),
    recorded: false,
    upstreamStatus: null,
    responseBytes: 0,
    streamBytes: 0,
    status: 0,
    slot: undefined,
    forwardedAt: undefined,
    upstreamHeadAt: undefined,
    answeredAt: undefined,
  }
}

/** The action kind for records: the route's kind once classified, `unclassified` before. */
export function exchangeKind(ex: Exchange): string {
  return ex.action?.kind ?? ex.request?.route.kind ?? 'unclassified'
}

/** The container, image, volume or network a request acts on, as recorded; '' when none. */
export function exchangeTarget(ex: Exchange): string {
  return ex.action && 'target' in ex.action
    ? (ex.action.target ?? '')
    : (ex.request?.vars['name'] ?? ex.request?.vars['id'] ?? '')
}
