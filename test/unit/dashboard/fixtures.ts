import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AuditEventInput } from '../../../src/audit/audit-event.js'
import { SqliteStore } from '../../../src/audit/sqlite-store.js'
import type { ContainerItem } from '../../../src/dashboard/api-types.js'
import { createDashboardApp } from '../../../src/dashboard/dashboard-app.js'
import type {
  DashboardDeps,
  DashboardOptions,
  DashboardPrincipal,
} from '../../../src/dashboard/dashboard-deps.js'
import { InputError } from '../../../src/errors.js'
import { Unauthenticated } from '../../../src/identity/unauthenticated.js'
import type { Grant } from '../../../src/model/grant.js'
import { AuditVerifier } from '../../../src/monitor/audit-verifier.js'
import type { DecisionSummary } from '../../../src/monitor/decision-summary.js'
import { Monitor } from '../../../src/monitor/monitor.js'

export const ADMIN_TOKEN = 'al_admin_0123456789abcdef'
export const AUDITOR_TOKEN = 'al_auditor_0123456789abcdef'
export const DEV_TOKEN = 'al_dev_0123456789abcdef'

const PRINCIPALS: Record<string, DashboardPrincipal> = {
  [ADMIN_TOKEN]: { user: 'root', role: 'admin', admin: true },
  [AUDITOR_TOKEN]: { user: 'ada', role: 'auditor', admin: false },
}

/**
 * The fake token check: admin and auditor tokens name their principal, the developer's token is
 * valid but names no one the dashboard admits, any other token is not valid.
 */
export function verifyToken(token: string): DashboardPrincipal | undefined {
  const principal = PRINCIPALS[token]
  if (principal) return principal
  if (token === DEV_TOKEN) return undefined
  throw new Unauthenticated('the bearer token is not valid (unknown, revoked or expired)')
}

/** Grants in memory, with the calls made to them: the fake grants API of phase 1. */
export class FakeGrants {
  readonly revoked: [string, string][] = []
  readonly grants: Grant[]

  constructor(now: Date) {
    const at = (min: number) => new Date(now.getTime() + min * 60_000).toISOString()
    this.grants = [
      {
        id: 'g-active',
        subject: 'alice',
        rules: ['AL-0001'],
        image: 'registry.example.com/agent:1.2',
        reason: 'debugging the agent',
        createdBy: 'root',
        createdAt: at(-10),
        expiresAt: at(50),
      },
      {
        id: 'g-expired',
        subject: 'bob',
        rules: ['no-host-network'],
        reason: 'old',
        createdBy: 'root',
        createdAt: at(-120),
        expiresAt: at(-60),
      },
    ]
  }

  list(): Grant[] {
    return this.grants
  }

  revoke(id: string, by: string): Grant {
    const g = this.grants.find((x) => x.id === id)
    if (!g) throw new InputError(`no grant with id ${id}`)
    if (g.revokedAt !== undefined) throw new InputError(`grant ${id} is already revoked`)
    this.revoked.push([id, by])
    g.revokedAt = new Date().toISOString()
    g.revokedBy = by
    return g
  }
}

/** A running container with a privileged finding. */
export const CONTAINER: ContainerItem = {
  id: 'c0ffee',
  name: 'agent',
  image: 'registry.example.com/agent:1.2',
  findings: [
    {
      ruleId: 'AL-0001',
      slug: 'no-privileged',
      title: 'Containers must not run privileged',
      severity: 'critical',
      result: 'fail',
      message: 'privileged is true',
    },
  ],
}

/** A stored call. */
export function record(i: number, over: Partial<AuditEventInput> = {}): AuditEventInput {
  const deny = i % 3 === 0
  return {
    time: new Date(Date.now() - (100 - i) * 1000).toISOString(),
    caller: { user: deny ? 'mallory' : 'alice', groups: [], via: 'token' },
    listener: 'unix:///run/airlock.sock',
    method: deny ? 'POST' : 'GET',
    path: deny ? '/v1.45/containers/create' : '/v1.45/containers/json',
    actionKind: deny ? 'container.create' : 'container.list',
    decision: deny ? 'deny' : 'allow',
    status: deny ? 403 : 200,
    ruleIds: deny ? ['AL-0001'] : [],
    findings: deny ? [{ ruleId: 'AL-0001', result: 'fail', message: 'privileged is true' }] : [],
    message: deny ? 'airlock: denied by AL-0001 no-privileged: privileged is true' : 'allowed',
    durationMs: 0.5,
    requestId: `req-${i}`,
    ...over,
  }
}

/**
 * A live call for the bus, as the proxy publishes one: denied by AL-0001, with warnings from
 * AL-0024 and AL-0040 next to it.
 */
export function liveDenial(requestId: string, caller = 'mallory'): DecisionSummary {
  return {
    time: new Date().toISOString(),
    requestId,
    caller,
    listener: 'unix:///run/airlock.sock',
    method: 'POST',
    path: '/v1.45/containers/create?name=evil',
    kind: 'container.create',
    target: '',
    decision: 'deny',
    status: 403,
    ruleIds: ['AL-0001', 'AL-0024', 'AL-0040'],
    message: 'airlock: denied by AL-0001 no-privileged: HostConfig.Privileged: privileged is true. Fix: ...',
    grantIds: [],
    waivers: [],
    findings: [
      { ruleId: 'AL-0001', result: 'fail', message: 'privileged is true', path: 'HostConfig.Privileged' },
      {
        ruleId: 'AL-0024',
        result: 'warn',
        message: 'root file system is writable (readOnlyRootfs is false)',
        path: 'HostConfig.ReadonlyRootfs',
      },
      { ruleId: 'AL-0040', result: 'warn', message: 'no memory limit is set', path: 'HostConfig.Memory' },
    ],
    airlockMs: 0.4,
    upstreamMs: null,
  }
}

/**
 * A dashboard over real parts: a temp audit store with `records`, an event bus, a verifier, and the
 * fake token check, whose tokens can be revoked (`revokeToken`) or lose their role (`demoteToken`).
 */
export function dashboard(records: AuditEventInput[] = [], opts: DashboardOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-dash-'))
  const store = SqliteStore.open({ dataDir: dir, key: 'none' })
  for (const r of records) store.append(r)
  const monitor = new Monitor({ policy: () => ({}), processMetrics: false })
  const grants = new FakeGrants(new Date())
  const verifier = new AuditVerifier({ verify: () => store.verify() })
  let containerCalls = 0
  const revoked = new Set<string>()
  const demoted = new Set<string>()
  const assets = join(dir, 'assets')
  mkdirSync(assets)
  const deps: DashboardDeps = {
    audit: store,
    events: monitor.events,
    grants,
    containers: async () => {
      containerCalls++
      return { items: [CONTAINER], errors: [] }
    },
    metrics: () => monitor.snapshot(),
    auditChain: verifier,
    auth: {
      verifyToken: (token) => {
        if (revoked.has(token)) throw new Unauthenticated('the bearer token is not valid (revoked)')
        return demoted.has(token) ? undefined : verifyToken(token)
      },
    },
    alerts: () => monitor.recentAlerts(),
  }
  const app = createDashboardApp(deps, { assetsDir: assets, ...opts })
  return {
    app,
    store,
    monitor,
    grants,
    verifier,
    deps,
    assets,
    containerCalls: () => containerCalls,
    revokeToken: (token: string) => revoked.add(token),
    demoteToken: (token: string) => demoted.add(token),
    close: () => {
      store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Writes a fake bundle file for asset tests. */
export function writeAsset(dir: string, name: string, text: string): void {
  writeFileSync(join(dir, name), text)
}

/** Headers with a bearer token. */
export function bearer(
  token: string,
  extra: Record<string, string> = {},
): { headers: Record<string, string> } {
  return { headers: { authorization: `Bearer ${token}`, ...extra } }
}
