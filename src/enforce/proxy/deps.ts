import type { ClientRequest } from 'node:http'
import type { Socket } from 'node:net'
import type { Grant } from '../../model/grant.js'
import type { Monitor } from '../../monitor/monitor.js'
import type { Policy } from '../../policy/policy.js'
import type { AuditSink } from './audit-sink.js'
import type { Authenticator } from './authenticate.js'
import type { Interpret } from './interpret-pass.js'
import type { Log } from './log.js'
import type { BodyLimits } from './read-body.js'
import type { ResolveDeps } from './resolve.js'
import type { UpstreamRequest } from './upstream.js'

/** The daemon as the forwarding passes use it. `Upstream` implements it. */
export interface UpstreamPort {
  readonly url: string
  request(req: UpstreamRequest): ClientRequest
  connect(): Socket
}

/**
 * What the passes tell monitoring and ask it (`Monitor` implements it): rate limits before the body
 * is read, then one summary per request, stream and upstream events. None of it throws or waits.
 */
export type ProxyMonitor = Pick<
  Monitor,
  'admit' | 'release' | 'onRequestDone' | 'onStreamOpen' | 'onStreamClose' | 'onUpstreamError'
>

/** Everything the passes need besides the request: each is a stub in unit tests. */
export interface ProxyDeps {
  /** The policy in force (SIGHUP swaps it). */
  policy: () => Policy
  authenticator: Authenticator
  /** The grants that may waive rules now (a snapshot the grant watcher keeps current). */
  grants: () => readonly Grant[]
  interpret: Interpret
  resolve: ResolveDeps
  audit: AuditSink
  upstream: UpstreamPort
  limits: BodyLimits
  /** The API version the daemon applies to unversioned paths. */
  defaultVersion: string
  log: Log
  /** Metrics, rate limits, live feed and alerts; undefined when monitoring is off (`--no-monitor`). */
  monitor?: ProxyMonitor | undefined
}
