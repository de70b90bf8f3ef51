import { errorMessage } from '../../errors.js'
import { completionRecord, refusalRecord } from './audit-record.js'
import type { ProxyDeps } from './deps.js'
import { type Exchange, exchangeKind } from './exchange.js'
import { exchangeSummary } from './exchange-summary.js'
import type { ForwardOutcome } from './forward.js'
import { PASSES, type Pass } from './passes.js'
import { isReadOnlyKind } from './read-only-kinds.js'
import { Refusal } from './refusal.js'

/** The terminal pass: forward or upgrade relay. Runs only after every pass agreed. */
export type Terminal = (ex: Exchange) => Promise<ForwardOutcome>

function asRefusal(err: unknown): Refusal {
  if (err instanceof Refusal) return err
  return new Refusal(500, `airlock: denied: internal error: ${errorMessage(err)}`, {
    outcome: 'error',
    cause: err,
  })
}

function logLine(ex: Exchange, extra: Record<string, unknown>) {
  return {
    requestId: ex.id,
    listener: ex.listener.name,
    method: ex.method,
    path: ex.target,
    kind: exchangeKind(ex),
    status: ex.status,
    ms: Math.round((performance.now() - ex.started) * 100) / 100,
    ...extra,
  }
}

/**
 * Whether a refusal is recorded with a deferred (batched) write: when it says so (429s), and when
 * the caller is not known yet (bad framing, failed authentication). Nothing was forwarded, and what
 * anyone who can reach a listener may send in floods must not cost a durable write (an fsync on the
 * event loop) each, slowing every other caller down.
 */
function auditLater(ex: Exchange, refusal: Refusal): boolean {
  return refusal.auditLater || ex.identity === undefined
}

/**
 * Answers a refused request, recording it first: durably, or deferred for refusals that say so
 * (429s) and refusals of callers not yet identified; a lost record is logged loudly. Rate-limited
 * calls are logged at debug only: a flood must not flood the log too (the metrics and the
 * `rate-limited` alert count them).
 */
export function refuseExchange(ex: Exchange, deps: ProxyDeps, refusal: Refusal): void {
  ex.status = refusal.status
  try {
    const record = refusalRecord(ex, refusal)
    if (auditLater(ex, refusal)) deps.audit.later(record)
    else deps.audit.now(record)
  } catch (err) {
    deps.log.error(
      { requestId: ex.id, err: errorMessage(err) },
      'audit: the record of a refused request was not written',
    )
  }
  ex.client.sendError(refusal.status, refusal.message, refusal.close || !ex.body.empty, refusal.headers)
  ex.answeredAt = performance.now()
  const level =
    refusal.status === 429 ? 'debug' : refusal.outcome === 'error' && refusal.status >= 500 ? 'warn' : 'info'
  if (deps.log.isLevelEnabled(level))
    deps.log[level](logLine(ex, { decision: refusal.outcome, message: refusal.message }), 'refused')
}

/** The exchange is over: its concurrency slot goes back, and monitoring hears how it ended. */
function exchangeDone(
  ex: Exchange,
  deps: ProxyDeps,
  decision: 'allow' | 'deny' | 'error',
  message: string,
): void {
  const monitor = deps.monitor
  if (!monitor) return
  try {
    if (ex.slot !== undefined && ex.identity && ex.request)
      monitor.release(ex.identity, ex.request.route.kind)
    ex.slot = undefined
    monitor.onRequestDone(exchangeSummary(ex, decision, message))
  } catch (err) {
    deps.log.error(
      { requestId: ex.id, err: errorMessage(err) },
      'monitor: the end of a request was not counted',
    )
  }
}

/**
 * Runs one request through the passes and then the terminal pass, and writes its records: a refused
 * request gets one record (durable, or deferred for a 429); a forwarded one gets its completion
 * record (deferred) once the exchange is over — for a hijacked stream, once the relay ended. Then
 * the concurrency slot the call held is released and monitoring is told how it ended. Never
 * throws: one bad request or client cannot affect the others.
 *
 * @example await runExchange(ex, deps, (ex) => forward(ex, deps, res))
 */
export async function runExchange(
  ex: Exchange,
  deps: ProxyDeps,
  terminal: Terminal,
  passes: readonly Pass[] = PASSES,
): Promise<void> {
  let ended: Ended = INTERNAL_ERROR
  try {
    ended = await runPasses(ex, deps, terminal, passes)
  } finally {
    exchangeDone(ex, deps, ended.decision, ended.message)
  }
}

/** How an exchange ended, for monitoring. */
interface Ended {
  decision: 'allow' | 'deny' | 'error'
  message: string
}

const INTERNAL_ERROR: Ended = Object.freeze({ decision: 'error', message: 'airlock: internal error' })

async function runPasses(
  ex: Exchange,
  deps: ProxyDeps,
  terminal: Terminal,
  passes: readonly Pass[],
): Promise<Ended> {
  try {
    for (const pass of passes) {
      const pending = pass.run(ex, deps)
      if (pending) await pending
    }
  } catch (err) {
    const refusal = asRefusal(err)
    try {
      refuseExchange(ex, deps, refusal)
    } catch (inner) {
      deps.log.error({ requestId: ex.id, err: errorMessage(inner) }, 'refusing a request failed')
    }
    return { decision: refusal.outcome, message: refusal.message }
  }
  const readOnly = isReadOnlyKind(exchangeKind(ex))
  if (!readOnly && deps.log.isLevelEnabled('info')) {
    deps.log.info(logLine(ex, { decision: 'allow', message: ex.decision?.message }), 'allowed')
  }
  let outcome: ForwardOutcome
  try {
    outcome = await terminal(ex)
  } catch (err) {
    outcome = { error: `airlock: internal error while forwarding: ${errorMessage(err)}` }
    if (ex.status === 0) ex.client.sendError(500, outcome.error as string, true)
  }
  try {
    deps.audit.later(completionRecord(ex, outcome.error, outcome.ended))
  } catch (err) {
    deps.log.error({ requestId: ex.id, err: errorMessage(err) }, 'audit: a completion record was not written')
  }
  if (deps.log.isLevelEnabled('debug')) {
    deps.log.debug(
      logLine(ex, { decision: outcome.error ? 'error' : 'allow', error: outcome.error }),
      'request',
    )
  }
  return outcome.error === undefined
    ? { decision: 'allow', message: ex.decision?.message ?? 'allowed' }
    : { decision: 'error', message: outcome.error }
}
