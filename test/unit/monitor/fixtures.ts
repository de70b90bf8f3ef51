import type { DecisionSummary } from '../../../src/monitor/decision-summary.js'
import type { MonitorLog } from '../../../src/monitor/monitor-log.js'

let n = 0

/** A finished call: an allowed container list by alice unless overridden. */
export function summary(over: Partial<DecisionSummary> = {}): DecisionSummary {
  n++
  return {
    time: new Date(Date.UTC(2025, 0, 1, 0, 0, 0, n)).toISOString(),
    requestId: `req-${n}`,
    caller: 'alice',
    listener: 'unix:///run/airlock.sock',
    method: 'GET',
    path: '/v1.45/containers/json',
    kind: 'container.list',
    target: '',
    decision: 'allow',
    status: 200,
    ruleIds: [],
    message: 'allowed',
    grantIds: [],
    waivers: [],
    airlockMs: 0.2,
    upstreamMs: 1,
    ...over,
  }
}

/** A denial of a privileged create by `caller`. */
export function denial(caller = 'alice', over: Partial<DecisionSummary> = {}): DecisionSummary {
  return summary({
    caller,
    method: 'POST',
    path: '/v1.45/containers/create',
    kind: 'container.create',
    decision: 'deny',
    status: 403,
    ruleIds: ['AL-0001'],
    message: 'airlock: denied by AL-0001 no-privileged: privileged is true. Fix: ...',
    upstreamMs: null,
    ...over,
  })
}

/** A log that keeps what it is told. */
export class MemoryLog implements MonitorLog {
  readonly lines: { level: string; obj: object; msg: string | undefined }[] = []
  info(obj: object, msg?: string): void {
    this.lines.push({ level: 'info', obj, msg })
  }
  warn(obj: object, msg?: string): void {
    this.lines.push({ level: 'warn', obj, msg })
  }
  error(obj: object, msg?: string): void {
    this.lines.push({ level: 'error', obj, msg })
  }
}
