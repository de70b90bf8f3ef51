import { errorMessage } from '../../../errors.js'
import type { Policy } from '../../../policy/policy.js'
import type { ReloadResult } from '../policy-holder.js'
import type { LookupResult } from '../upstream-lookup.js'

/** One readiness check: its name, whether it passed, and what it found. */
export interface ReadyCheck {
  name: 'upstream' | 'policy' | 'audit'
  ok: boolean
  detail: string
}

/** What `/readyz` reports: ready when every check passed. */
export interface Readiness {
  ok: boolean
  checks: ReadyCheck[]
}

/** What the readiness checks look at. */
export interface ReadinessDeps {
  /** The daemon (`Upstream` fits). */
  upstream: { readonly url: string; get(path: string, timeoutMs?: number): Promise<LookupResult> }
  policy: () => Pick<Policy, 'source'>
  /** The last policy reload (SIGHUP), if any. */
  lastReload: () => ReloadResult | undefined
  /** Whether the audit log takes writes (`AuditSink` fits), and why not. */
  audit: { healthy(): boolean; readonly failure: string | undefined }
  /** How long the daemon has to answer `_ping` (default 2000 ms). */
  pingTimeoutMs?: number
}

async function upstreamCheck(deps: ReadinessDeps): Promise<ReadyCheck> {
  const url = deps.upstream.url
  try {
    const r = await deps.upstream.get('/_ping', deps.pingTimeoutMs ?? 2000)
    if (r.status === 200) return { name: 'upstream', ok: true, detail: `${url} answered _ping` }
    return { name: 'upstream', ok: false, detail: `${url} answered _ping with ${r.status}` }
  } catch (err) {
    return { name: 'upstream', ok: false, detail: `${url} is not reachable: ${errorMessage(err)}` }
  }
}

function policyCheck(deps: ReadinessDeps): ReadyCheck {
  const source = deps.policy().source
  const reload = deps.lastReload()
  const note = reload && !reload.ok ? `; the last reload failed (${reload.error}), so it stays in force` : ''
  return { name: 'policy', ok: true, detail: `${source} loaded${note}` }
}

function auditCheck(deps: ReadinessDeps): ReadyCheck {
  if (deps.audit.healthy()) return { name: 'audit', ok: true, detail: 'the audit log takes writes' }
  return {
    name: 'audit',
    ok: false,
    detail: `the audit log cannot be written: ${deps.audit.failure ?? 'unknown failure'}`,
  }
}

/**
 * Whether the proxy can serve: the daemon answers `_ping`, a policy is in force (a failed reload
 * keeps the previous one, which is reported), and the audit log takes writes (else every call is
 * refused: fail closed). Each check is reported; ready only when all pass.
 *
 * @example const r = await readiness(deps); res.statusCode = r.ok ? 200 : 503
 */
export async function readiness(deps: ReadinessDeps): Promise<Readiness> {
  const checks = [await upstreamCheck(deps), policyCheck(deps), auditCheck(deps)]
  return { ok: checks.every((c) => c.ok), checks }
}
