import { errorMessage } from '../../errors.js'
import { completionRecord, refusalRecord } from './audit-record.js'
import type { ProxyDeps } from './deps.js'
import { type Exchange, exchangeKind } from './exchange.js'
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

/** Answers a refused request, recording it durably first (a lost denial record is logged loudly). */
export function refuseExchange(ex: Exchange, deps: ProxyDeps, refusal: Refusal): void {
  ex.status = refusal.status
  try {
    deps.audit.now(refusalRecord(ex, refusal))
  } catch (err) {
    deps.log.error(
      { requestId: ex.id, err: errorMessage(err) },
      'audit: the record of a refused request was not written',
    )
  }
  ex.client.sendError(refusal.status, refusal.message, refusal.close || !ex.body.empty)
  const level = refusal.outcome === 'error' && refusal.status >= 500 ? 'warn' : 'info'
  deps.log[level](logLine(ex, { decision: refusal.outcome, message: refusal.message }), 'refused')
}

/**
 * Runs one request through the passes and then the terminal pass, and writes its records: a refused
 * request gets one durable record; a forwarded one gets its completion record (deferred) once the
 * exchange is over. Never throws: one bad request or client cannot affect the others.
 *
 * @example await runExchange(ex, deps, (ex) => forward(ex, deps, res))
 */
export async function runExchange(
  ex: Exchange,
  deps: ProxyDeps,
  terminal: Terminal,
  passes: readonly Pass[] = PASSES,
): Promise<void> {
  try {
    for (const pass of passes) {
      const pending = pass.run(ex, deps)
      if (pending) await pending
    }
  } catch (err) {
    try {
      refuseExchange(ex, deps, asRefusal(err))
    } catch (inner) {
      deps.log.error({ requestId: ex.id, err: errorMessage(inner) }, 'refusing a request failed')
    }
    return
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
}
