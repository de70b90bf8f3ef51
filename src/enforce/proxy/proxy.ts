import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { AuditStore, VerifyResult } from '../../audit/audit-store.js'
import { SqliteStore } from '../../audit/sqlite-store.js'
import { interpretRequest } from '../../engine-api/interpret/index.js'
import { AirlockError, errorMessage } from '../../errors.js'
import { loadServerTls, type ServerTls } from '../../identity/certs/server-tls.js'
import { GrantStore } from '../../identity/grant-store.js'
import { openIdentityDb } from '../../identity/identity-db.js'
import { parseListenerSpec } from '../../identity/listener-identity.js'
import { TokenStore } from '../../identity/token-store.js'
import { verifyInWorker } from '../../monitor/verify-in-worker.js'
import type { AdminDeps } from './admin/admin-deps.js'
import { type AdminServer, checkAdminEndpoint, startAdminServer } from './admin/admin-server.js'
import { ensureAdminToken } from './admin/admin-token.js'
import { readiness } from './admin/readiness.js'
import { AuditSink } from './audit-sink.js'
import type { Authenticator } from './authenticate.js'
import type { ProxyDeps } from './deps.js'
import { endpointUrl, parseEndpoint } from './endpoint.js'
import { GrantWatcher } from './grant-watcher.js'
import type { Interpret } from './interpret-pass.js'
import { checkListenEndpoint, type ProxyListener, startListener } from './listener.js'
import { authenticatorFor } from './listener-auth.js'
import { type Log, silentLog } from './log.js'
import { PolicyHolder, type ReloadResult } from './policy-holder.js'
import { type ProxyMonitoring, proxyMonitoring } from './proxy-monitoring.js'
import { Upstream } from './upstream.js'
import { probeUpstream, type UpstreamInfo } from './upstream-info.js'

/** How to run the proxy. Only `listen`, `upstream` and `dataDir` are required. */
export interface ProxyOptions {
  /**
   * Listen URLs: `unix:///path.sock` or `tcp://HOST:PORT`, each optionally with an identity part
   * `#user=alice,group=dev,role=developer,auth=required` (see `parseListenerSpec`).
   */
  listen: readonly string[]
  /** Serve TCP listeners (and a TCP admin listener) over TLS with this dir's certificates, requiring client certificates. */
  tlsDir?: string
  /** Allow plain TCP listeners beyond loopback (identity is then required: bearer tokens). */
  insecureTcp?: boolean
  /** Admin API listeners: `unix:///path.sock` or `tcp://127.0.0.1:PORT`. */
  admin?: readonly string[]
  /** How often the grant store is re-read and ended grants acted on (default 1000 ms). */
  grantIntervalMs?: number
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
  /** One authenticator for every listener (tests); default: per listener, from its spec. */
  authenticator?: Authenticator
  /**
   * Metrics, rate limits, alerts and the dashboard (default true). Off (`--no-monitor`): no limits,
   * no metrics, no alerts, no dashboard — for benchmarks and debugging.
   */
  monitor?: boolean
}

/** A running proxy. */
export interface RunningProxy {
  readonly listeners: readonly { url: string }[]
  /** Admin API listeners. */
  readonly admin: readonly { url: string; tls: boolean }[]
  /** The bootstrap admin token's file in the data dir. */
  readonly adminTokenFile: string
  readonly upstream: UpstreamInfo & { url: string }
  /** Re-reads the grant store and acts on grants that ended (the timer does this every second). */
  settleGrants(): Promise<void>
  /** Re-reads the policy file; a bad file keeps the current policy. */
  reloadPolicy(): ReloadResult
  /** Monitoring (undefined when off): the Monitor and the audit chain verifier. */
  readonly monitoring: ProxyMonitoring | undefined
  /**
   * Stops accepting, waits up to `drainMs` for requests in flight, drops the rest, stops monitoring
   * (the verifier; pending webhook deliveries get up to 5 s), closes the log.
   */
  close(): Promise<void>
}

/**
 * How the audit chain is verified: the SQLite store in a worker thread (its own read-only
 * connection; the event loop never waits on it), a given store in-process, or not at all.
 */
function storeVerifier(
  opts: Pick<ProxyOptions, 'store' | 'dataDir'>,
  store: AuditStore,
): (() => VerifyResult | Promise<VerifyResult>) | undefined {
  if (opts.store === undefined) return () => verifyInWorker({ dataDir: opts.dataDir })
  return typeof store.verify === 'function' ? () => store.verify() : undefined
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
  const specs = opts.listen.map(parseListenerSpec)
  const endpoints = specs.map((s) => parseEndpoint(s.url))
  const adminEndpoints = (opts.admin ?? []).map(parseEndpoint)
  const tls: ServerTls | undefined = opts.tlsDir !== undefined ? loadServerTls(opts.tlsDir) : undefined
  for (const e of endpoints)
    checkListenEndpoint(e, { tls: tls !== undefined, ...(opts.insecureTcp && { insecureTcp: true }) })
  for (const e of adminEndpoints) checkAdminEndpoint(e, tls !== undefined)
  const upstream = new Upstream(parseEndpoint(opts.upstream))
  if (endpoints.some((e) => endpointUrl(e) === upstream.url)) {
    throw new AirlockError(
      'E_UPSTREAM',
      `the upstream ${upstream.url} is one of the proxy's own listeners: point --upstream (or DOCKER_HOST) at the Docker daemon`,
    )
  }
  const holder = new PolicyHolder(opts.policyFile)
  let lastReload: ReloadResult | undefined
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
  // The grant watcher records to the sink, the sink reports to the monitor, the monitor counts grants.
  let watcherRef: GrantWatcher | undefined
  const monitoring =
    opts.monitor === false
      ? undefined
      : proxyMonitoring({
          policy: () => holder.current,
          log,
          grants: () => watcherRef?.snapshot() ?? [],
          verify: storeVerifier(opts, store),
        })
  const monitor = monitoring?.monitor
  sink = new AuditSink(store, monitor && ((ms) => monitor.onAuditWrite(ms)))
  const identityDb = openIdentityDb(opts.dataDir)
  const tokens = new TokenStore(identityDb)
  const grants = new GrantStore(identityDb)
  const adminToken = ensureAdminToken(opts.dataDir, tokens)
  const watcher = new GrantWatcher({
    store: grants,
    upstream,
    lookup: upstream,
    audit: sink,
    policy: () => holder.current,
    log,
    ...(monitor && {
      onCreated: (grant) => monitor.onGrant({ action: 'created', grant, by: grant.createdBy }),
    }),
  })
  watcherRef = watcher
  const deps: ProxyDeps = {
    policy: () => holder.current,
    authenticator:
      opts.authenticator ??
      (() => {
        throw new Error('no authenticator for this listener')
      }),
    grants: () => watcher.snapshot(),
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
    monitor,
  }
  const access = {
    mode: opts.socketMode ?? 0o660,
    ...(opts.socketUid !== undefined && { uid: opts.socketUid }),
    ...(opts.socketGid !== undefined && { gid: opts.socketGid }),
  }
  const listeners: ProxyListener[] = []
  const admins: AdminServer[] = []
  const verifyToken = (t: string) => tokens.verify(t)
  const adminDeps: AdminDeps = {
    grants,
    tokens,
    watcher,
    policy: () => holder.current,
    record: (e) =>
      sink?.now({
        time: new Date().toISOString(),
        listener: 'admin',
        method: 'POST',
        path: '',
        decision: 'allow',
        status: 0,
        durationMs: 0,
        requestId: randomUUID(),
        ...e,
        caller: {
          user: e.caller.user,
          groups: e.caller.groups,
          ...(e.caller.role !== undefined && { role: e.caller.role }),
          via: e.caller.via,
        },
      }),
    ...('query' in store && { auditQuery: (q) => store.query(q) }),
    health: () => ({
      listeners: listeners.map((l) => l.url),
      upstream: upstream.url,
      apiVersion: info.apiVersion,
      policy: holder.current.source,
      monitoring: monitoring !== undefined,
    }),
    readiness: () =>
      readiness({ upstream, policy: () => holder.current, lastReload: () => lastReload, audit: sink }),
    metrics: monitor?.metrics,
  }
  if (
    adminEndpoints.length > 0 &&
    monitoring?.verifier &&
    'query' in store &&
    'get' in store &&
    'head' in store
  ) {
    // Loaded only when there is an admin listener to serve it: Hono and the page cost ~15 MB of RSS.
    const { proxyDashboard } = await import('./admin/proxy-dashboard.js')
    adminDeps.dashboard = proxyDashboard({
      audit: store,
      monitor: monitoring.monitor,
      auditChain: monitoring.verifier,
      admin: adminDeps,
      upstreamUrl: upstream.url,
    })
  }
  try {
    for (const [i, e] of endpoints.entries()) {
      const spec = specs[i] as (typeof specs)[number]
      const listenerTls = e.kind === 'tcp' ? tls : undefined
      const authenticator =
        opts.authenticator ?? authenticatorFor(e, spec, { tls: listenerTls !== undefined, verifyToken })
      listeners.push(
        await startListener(e, { ...deps, authenticator }, access, {
          ...(listenerTls && { tls: listenerTls }),
          ...(opts.insecureTcp && { insecureTcp: true }),
        }),
      )
    }
    for (const e of adminEndpoints) admins.push(await startAdminServer(e, adminDeps, log, tls))
  } catch (err) {
    for (const l of listeners) {
      l.destroyAll()
      await l.stopAccepting()
    }
    for (const a of admins) await a.close()
    await monitoring?.close(0)
    store.close()
    identityDb.close()
    upstream.close()
    throw err
  }
  watcher.start(opts.grantIntervalMs ?? 1000)
  monitoring?.start()
  if (adminToken.created)
    log.info(
      { file: adminToken.file },
      admins.length > 0
        ? `admin token created (mode 0600) in ${adminToken.file}: use it with airlock grant|token --admin, and to sign in to the dashboard`
        : `admin token created (mode 0600) in ${adminToken.file}: start with --admin tcp://127.0.0.1:PORT for the admin API, metrics and the dashboard`,
    )
  log.info(
    {
      listeners: listeners.map((l) => l.url),
      admin: admins.map((a) => a.url),
      adminToken: adminToken.file,
      upstream: upstream.url,
      apiVersion: info.apiVersion,
      policy: holder.current.source,
      monitoring: monitoring !== undefined,
      ...(adminDeps.dashboard &&
        admins.length > 0 && { dashboard: admins.map((a) => `${a.url}/dashboard/`) }),
    },
    'airlock proxy started',
  )

  let closing: Promise<void> | undefined
  const drainMs = opts.drainMs ?? 10_000
  return {
    listeners: listeners.map((l) => ({ url: l.url })),
    admin: admins.map((a) => ({ url: a.url, tls: a.tls })),
    adminTokenFile: adminToken.file,
    upstream: { ...info, url: upstream.url },
    settleGrants: () => watcher.settleNow(),
    monitoring,
    reloadPolicy() {
      const r = holder.reload()
      lastReload = r
      if (r.ok) {
        log.info({ policy: r.source }, 'policy reloaded')
        monitoring?.policyChanged()
      } else
        log.error(
          { policy: r.source, err: r.error },
          'policy reload failed; the previous policy stays in force',
        )
      return r
    },
    close() {
      closing ??= (async () => {
        await watcher.stop()
        await Promise.all(admins.map((a) => a.close()))
        const stopped = Promise.all(listeners.map((l) => l.stopAccepting()))
        const deadline = Date.now() + drainMs
        while (Date.now() < deadline && listeners.some((l) => l.inFlight.size > 0)) {
          for (const l of listeners) l.closeIdle()
          await sleep(50)
        }
        for (const l of listeners) l.destroyAll()
        await Promise.race([Promise.all(listeners.flatMap((l) => [...l.inFlight])), sleep(1000)])
        await stopped
        await monitoring?.close()
        upstream.close()
        identityDb.close()
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
