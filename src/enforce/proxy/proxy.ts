import { setTimeout as sleep } from 'node:timers/promises'
import type { AuditStore } from '../../audit/audit-store.js'
import { SqliteStore } from '../../audit/sqlite-store.js'
import { interpretRequest } from '../../engine-api/interpret/index.js'
import { AirlockError, errorMessage } from '../../errors.js'
import { AuditSink } from './audit-sink.js'
import { type Authenticator, anonymousAuthenticator } from './authenticate.js'
import type { ProxyDeps } from './deps.js'
import { endpointUrl, parseEndpoint } from './endpoint.js'
import type { Interpret } from './interpret-pass.js'
import { checkListenEndpoint, type ProxyListener, startListener } from './listener.js'
import { type Log, silentLog } from './log.js'
import { PolicyHolder, type ReloadResult } from './policy-holder.js'
import { Upstream } from './upstream.js'
import { probeUpstream, type UpstreamInfo } from './upstream-info.js'

/** How to run the proxy. Only `listen`, `upstream` and `dataDir` are required. */
export interface ProxyOptions {
  /** Listen URLs: `unix:///path.sock` or `tcp://127.0.0.1:PORT`. */
  listen: readonly string[]
  /** The daemon: `unix:///var/run/docker.sock` or `tcp://host:port`. */
  upstream: string
  /** Holds audit.db (and audit.key). */
  dataDir: string
  /** Policy file; the built-in baseline when absent. */
  policyFile?: string
  /** Unix socket mode (default 0o660), owner and group ids. */
  socketMode?: number
  socketUid?: number
  socketGid?: number
  /** Largest streamed body (default 64 MiB) and buffered body (default 4 MiB). */
  maxBody?: number
  maxJsonBody?: number
  /** How long SIGTERM waits for requests in flight (default 10 s). */
  drainMs?: number
  log?: Log
  /** The audit store (default: SQLite in `dataDir`). */
  store?: AuditStore
  interpret?: Interpret
  authenticator?: Authenticator
}

/** A running proxy. */
export interface RunningProxy {
  readonly listeners: readonly { url: string }[]
  readonly upstream: UpstreamInfo & { url: string }
  /** Re-reads the policy file; a bad file keeps the current policy. */
  reloadPolicy(): ReloadResult
  /** Stops accepting, waits up to `drainMs` for requests in flight, drops the rest, closes the log. */
  close(): Promise<void>
}

export const DEFAULT_MAX_BODY = 64 * 1024 * 1024
export const DEFAULT_MAX_JSON_BODY = 4 * 1024 * 1024

/**
 * Starts `airlock proxy`: checks the daemon answers, opens the audit log, loads the policy and
 * listens. Every request goes through the passes (see `passes.ts`) and is recorded.
 *
 * @example
 * const proxy = await startProxy({ listen: ['unix:///run/airlock.sock'], upstream: 'unix:///var/run/docker.sock', dataDir: '/var/lib/airlock' })
 * process.on('SIGHUP', () => proxy.reloadPolicy())
 */
export async function startProxy(opts: ProxyOptions): Promise<RunningProxy> {
  const log = opts.log ?? silentLog
  const endpoints = opts.listen.map(parseEndpoint)
  for (const e of endpoints) checkListenEndpoint(e)
  const upstream = new Upstream(parseEndpoint(opts.upstream))
  if (endpoints.some((e) => endpointUrl(e) === upstream.url)) {
    throw new AirlockError(
      'E_UPSTREAM',
      `the upstream ${upstream.url} is one of the proxy's own listeners: point --upstream (or DOCKER_HOST) at the Docker daemon`,
    )
  }
  const holder = new PolicyHolder(opts.policyFile)
  const info = await probeUpstream(upstream)
  let sink: AuditSink | undefined
  const store =
    opts.store ??
    SqliteStore.open({
      dataDir: opts.dataDir,
      // Reads are recorded in batches: one durable commit per batch keeps the fsync off most requests.
      deferFlushMs: 50,
      deferMaxBatch: 2048,
      onDeferredError: (err) => {
        sink?.deferredFailed(err)
        log.error({ err: errorMessage(err) }, 'audit: deferred write failed')
      },
    })
  sink = new AuditSink(store)
  const deps: ProxyDeps = {
    policy: () => holder.current,
    authenticator: opts.authenticator ?? anonymousAuthenticator,
    interpret: opts.interpret ?? interpretRequest,
    resolve: { lookup: upstream, local: upstream.local },
    audit: sink,
    upstream,
    limits: {
      maxBody: opts.maxBody ?? DEFAULT_MAX_BODY,
      maxJsonBody: opts.maxJsonBody ?? DEFAULT_MAX_JSON_BODY,
    },
    defaultVersion: info.apiVersion,
    log,
  }
  const access = {
    mode: opts.socketMode ?? 0o660,
    ...(opts.socketUid !== undefined && { uid: opts.socketUid }),
    ...(opts.socketGid !== undefined && { gid: opts.socketGid }),
  }
  const listeners: ProxyListener[] = []
  try {
    for (const e of endpoints) listeners.push(await startListener(e, deps, access))
  } catch (err) {
    for (const l of listeners) {
      l.destroyAll()
      await l.stopAccepting()
    }
    store.close()
    upstream.close()
    throw err
  }
  log.info(
    {
      listeners: listeners.map((l) => l.url),
      upstream: upstream.url,
      apiVersion: info.apiVersion,
      policy: holder.current.source,
    },
    'airlock proxy started',
  )

  let closing: Promise<void> | undefined
  const drainMs = opts.drainMs ?? 10_000
  return {
    listeners: listeners.map((l) => ({ url: l.url })),
    upstream: { ...info, url: upstream.url },
    reloadPolicy() {
      const r = holder.reload()
      if (r.ok) log.info({ policy: r.source }, 'policy reloaded')
      else
        log.error(
          { policy: r.source, err: r.error },
          'policy reload failed; the previous policy stays in force',
        )
      return r
    },
    close() {
      closing ??= (async () => {
        const stopped = Promise.all(listeners.map((l) => l.stopAccepting()))
        const deadline = Date.now() + drainMs
        while (Date.now() < deadline && listeners.some((l) => l.inFlight.size > 0)) {
          for (const l of listeners) l.closeIdle()
          await sleep(50)
        }
        for (const l of listeners) l.destroyAll()
        await Promise.race([Promise.all(listeners.flatMap((l) => [...l.inFlight])), sleep(1000)])
        await stopped
        upstream.close()
        try {
          store.close()
        } catch (err) {
          log.error({ err: errorMessage(err) }, 'audit: closing the log failed')
        }
        log.info({}, 'airlock proxy stopped')
      })()
      return closing
    },
  }
}
