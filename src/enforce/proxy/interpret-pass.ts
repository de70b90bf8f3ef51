import type { Interpretation, InterpretInput } from '../../engine-api/interpret/interpretation.js'
import { AmbiguousRequestError, errorMessage, InputError } from '../../errors.js'
import type { Exchange } from './exchange.js'
import { Refusal } from './refusal.js'

/** Turns a classified request and its body into the action to decide on. */
export type Interpret = (input: InterpretInput) => Interpretation

/**
 * Pass 5 — interpret: decodes the body as dockerd would (Go's JSON semantics) into an Action. A body
 * dockerd could read two ways is refused (400), one dockerd would reject is refused with the reason
 * (400), and anything else that goes wrong denies (500): Airlock fails closed.
 *
 * @example interpret(ex, interpretRequest); ex.interpretation?.action.kind // 'container.create'
 */
export function interpret(ex: Exchange, fn: Interpret): void {
  const req = ex.request
  if (!req) throw new Refusal(500, 'airlock: denied: the request was not classified', { outcome: 'error' })
  try {
    const out = fn({ req, body: ex.bodyBuffer, headers: ex.headers })
    ex.interpretation = out
    ex.action = out.action
  } catch (err) {
    if (err instanceof AmbiguousRequestError) {
      throw new Refusal(err.status, `airlock: refused: ${err.message}`, { cause: err })
    }
    if (err instanceof InputError) throw new Refusal(400, `airlock: refused: ${err.message}`, { cause: err })
    throw new Refusal(500, `airlock: denied: cannot interpret the request: ${errorMessage(err)}`, {
      outcome: 'error',
      cause: err,
    })
  }
}
