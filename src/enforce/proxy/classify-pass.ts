import { classifyRequest } from '../../engine-api/classify.js'
import { AmbiguousRequestError, errorMessage, InputError } from '../../errors.js'
import type { Exchange } from './exchange.js'
import { Refusal } from './refusal.js'

/**
 * Pass 3 — classify: which route dockerd will run, at which API version, with which query. What
 * dockerd could read differently is refused (400); what no route handles is denied (403); an Upgrade
 * request to a route that does not hijack the connection is refused (400).
 *
 * @example classify(ex, '1.41'); ex.request?.route.kind // 'container.create'
 */
export function classify(ex: Exchange, defaultVersion: string): void {
  try {
    ex.request = classifyRequest(ex.method, ex.target, { defaultVersion })
  } catch (err) {
    throw refusalFor(err)
  }
  if (ex.upgrade && !ex.request.route.hijack) {
    throw new Refusal(
      400,
      `airlock: refused: ${ex.request.route.kind} does not upgrade the connection; send it without Upgrade`,
      { close: true },
    )
  }
}

function refusalFor(err: unknown): Refusal {
  if (err instanceof AmbiguousRequestError) {
    return new Refusal(err.status, `airlock: refused: ${err.message}`, { cause: err })
  }
  if (err instanceof InputError) {
    return new Refusal(403, `airlock: denied: cannot classify the request: ${err.message}`, { cause: err })
  }
  return new Refusal(500, `airlock: denied: cannot classify the request: ${errorMessage(err)}`, {
    outcome: 'error',
    cause: err,
  })
}
