import { randomUUID } from 'node:crypto'
import type { AuditEventInput } from '../../audit/audit-event.js'
import { encodeGoPath } from '../../engine-api/classify.js'
import { errorMessage } from '../../errors.js'
import { type EndedGrant, endedGrants } from '../../identity/grant-ending.js'
import type { GrantRecord, GrantStore } from '../../identity/grant-store.js'
import { GRANT_LABEL } from '../../identity/owner-labels.js'
import type { Policy } from '../../policy/policy.js'
import type { AuditSink } from './audit-sink.js'
import type { UpstreamPort } from './deps.js'
import { labelGrantIds } from './grant-guard-pass.js'
import type { Log } from './log.js'
import { upstreamCall } from './upstream-call.js'
import { field, stringField, type UpstreamLookup } from './upstream-lookup.js'

export interface GrantWatcherDeps {
  store: GrantStore
  upstream: UpstreamPort
  lookup: UpstreamLookup
  audit: AuditSink
  policy: () => Policy
  log: Log
  /**
   * Told about each grant that appears in the store after the first read, however it was created
   * (admin API or `airlock grant create` on the data dir): the `grant-created` alert.
   */
  onCreated?: (grant: GrantRecord) => void
}

const CALLER = { user: 'airlock', groups: [], via: 'listener' as const }
const LISTENER = 'internal:grant-watcher'

/**
 * Keeps the proxy's view of grants current and makes sure nothing created under a grant outlives
 * it. Every `intervalMs` (1 s) it re-reads the grant store — so grants created, approved or revoked
 * by `airlock grant` on the data dir apply within a second — and, for each grant that expired or
 * was revoked, stops, kills or flags (policy `grants.onEnd`) every container labelled with it,
 * recording each action in the audit log, then marks the grant settled. Revocations through the
 * admin API call `settleNow()` and take effect before the API answers.
 *
 * @example const w = new GrantWatcher(deps); w.start(); deps.grants = () => w.snapshot()
 */
export class GrantWatcher {
  readonly #deps: GrantWatcherDeps
  #grants: readonly GrantRecord[] = []
  #seen: Set<string> | undefined
  #timer: NodeJS.Timeout | undefined
  #running: Promise<void> | undefined

  constructor(deps: GrantWatcherDeps) {
    this.#deps = deps
    this.refresh()
  }

  /** Every grant as last read (decide() and the grant guard compute statuses themselves). */
  snapshot(): readonly GrantRecord[] {
    return this.#grants
  }

  /** Re-reads the grant store now. */
  refresh(): void {
    try {
      this.#grants = this.#deps.store.list()
      this.#noticeNew()
    } catch (err) {
      this.#deps.log.error(
        { err: errorMessage(err) },
        'grants: the store cannot be read; keeping the last view',
      )
    }
  }

  /** Remembers every grant id read; the ones not seen before (after the first read) are announced. */
  #noticeNew(): void {
    const first = this.#seen === undefined
    if (this.#seen === undefined) this.#seen = new Set()
    const seen = this.#seen
    for (const g of this.#grants) {
      if (seen.has(g.id)) continue
      seen.add(g.id)
      if (first || !this.#deps.onCreated) continue
      try {
        this.#deps.onCreated(g)
      } catch (err) {
        this.#deps.log.error({ grant: g.id, err: errorMessage(err) }, 'grants: a new-grant listener failed')
      }
    }
  }

  start(intervalMs = 1000): void {
    this.#timer ??= setInterval(() => void this.settleNow(), intervalMs)
    this.#timer.unref()
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer)
    this.#timer = undefined
    await this.#running
  }

  /** Re-reads the store and acts on every grant that ended; one run at a time. */
  settleNow(now?: Date): Promise<void> {
    const run = (this.#running ?? Promise.resolve()).then(() => this.#tick(now ?? new Date()))
    this.#running = run.catch(() => {})
    return run
  }

  async #tick(now: Date): Promise<void> {
    this.refresh()
    const policy = this.#deps.policy()
    for (const ended of endedGrants(this.#grants, now, policy.grantApproval)) {
      try {
        await this.#settle(ended, policy.grantOnEnd ?? 'stop')
        this.#deps.store.settle(ended.grant.id, now)
      } catch (err) {
        this.#deps.log.error(
          { grant: ended.grant.id, err: errorMessage(err) },
          'grants: acting on an ended grant failed; retrying',
        )
      }
    }
    this.refresh()
  }

  async #settle({ grant, status }: EndedGrant, onEnd: 'stop' | 'kill' | 'flag'): Promise<void> {
    const filters = encodeURIComponent(JSON.stringify({ label: { [GRANT_LABEL]: true } }))
    const res = await this.#deps.lookup.get(`/containers/json?all=1&filters=${filters}`)
    if (res.status !== 200 || !Array.isArray(res.json))
      throw new Error(`listing containers answered ${res.status}`)
    const containers = res.json.filter((c) =>
      labelGrantIds(stringField(field(c, 'Labels'), GRANT_LABEL)).includes(grant.id),
    )
    this.#record(
      grant,
      status,
      'grant.end',
      '',
      0,
      `grant ${grant.id} ${status}: ${containers.length} container(s) to ${onEnd}`,
    )
    for (const c of containers) {
      const id = stringField(c, 'Id')
      const running = ['running', 'paused', 'restarting'].includes(stringField(c, 'State'))
      if (onEnd === 'flag' || !running) {
        this.#record(
          grant,
          status,
          'grant.flag',
          id,
          0,
          `grant ${grant.id} ${status}: container ${id.slice(0, 12)} flagged (${running ? 'still running' : stringField(c, 'State')})`,
        )
        continue
      }
      const path =
        onEnd === 'kill' ? `/containers/${encodeGoPath(id)}/kill` : `/containers/${encodeGoPath(id)}/stop?t=1`
      const r = await upstreamCall(this.#deps.upstream, 'POST', path)
      const ok = r.status === 204 || r.status === 304
      this.#record(
        grant,
        status,
        `container.${onEnd}`,
        id,
        r.status,
        `grant ${grant.id} ${status}: container ${id.slice(0, 12)} ${ok ? (onEnd === 'kill' ? 'killed' : 'stopped') : `not stopped (${r.status} ${r.text.trim()})`}`,
        path,
      )
      if (!ok) throw new Error(`${onEnd} of ${id} answered ${r.status}`)
      this.#deps.log.warn({ grant: grant.id, container: id, action: onEnd }, 'grant ended: container stopped')
    }
  }

  #record(
    grant: GrantRecord,
    status: string,
    kind: string,
    target: string,
    code: number,
    message: string,
    path = '',
  ): void {
    const event: AuditEventInput = {
      time: new Date().toISOString(),
      caller: CALLER,
      listener: LISTENER,
      method: path ? 'POST' : '-',
      path,
      actionKind: kind,
      target,
      decision: 'allow',
      status: code,
      grantIds: [grant.id],
      message,
      durationMs: 0,
      requestId: randomUUID(),
      extra: { grantStatus: status, subject: grant.subject },
    }
    try {
      this.#deps.audit.now(event)
    } catch (err) {
      this.#deps.log.error(
        { grant: grant.id, err: errorMessage(err) },
        'audit: a grant-end record was not written',
      )
    }
  }
}
