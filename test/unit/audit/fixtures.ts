import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import type { AuditEventInput } from '../../../src/audit/audit-event.js'

/** A valid event, varied by `i`: even ones are denials by alice, odd ones allowed reads by bob. */
export function sampleEvent(i: number, overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  const deny = i % 2 === 0
  return {
    time: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
    caller: deny
      ? { user: 'alice', groups: ['dev'], via: 'mtls' }
      : { user: 'bob', groups: [], role: 'viewer', via: 'token' },
    listener: 'tcp',
    method: deny ? 'POST' : 'GET',
    path: deny ? `/v1.45/containers/create?name=c${i}` : `/v1.45/containers/c${i}/json`,
    actionKind: deny ? 'container.create' : 'container.inspect',
    target: deny ? '' : `c${i}`,
    decision: deny ? 'deny' : 'allow',
    status: deny ? 403 : 200,
    ruleIds: deny ? ['AL-0001'] : [],
    findings: deny ? [{ ruleId: 'AL-0001', result: 'fail', message: 'privileged is true' }] : [],
    message: deny ? 'airlock: denied by AL-0001 no-privileged' : 'allowed',
    upstreamStatus: deny ? null : 200,
    durationMs: 0.5 + i,
    requestId: `01J8Z3K4M5N6P7Q8R9S0T1V${String(i).padStart(3, '0')}`,
    ...overrides,
  }
}

/** A fresh temporary directory, removed when the process exits. */
export function tempDir(prefix = 'airlock-audit-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** An environment without AIRLOCK_AUDIT_KEY, so tests do not depend on the caller's. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra }
  if (!('AIRLOCK_AUDIT_KEY' in extra)) delete env['AIRLOCK_AUDIT_KEY']
  return env
}
