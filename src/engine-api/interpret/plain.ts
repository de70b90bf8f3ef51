import { makePlainAction, type PlainActionKind } from '../../model/action.js'
import type { Interpretation, Interpreter } from './interpretation.js'
import { routeTarget } from './interpretation.js'

/**
 * Routes whose effect is fully described by the method, path and query: no body dockerd reads for
 * privileges. Their body, if a client sent one, is not forwarded (dockerd does not read it).
 */
export const interpretPlain: Interpreter = ({ req }): Interpretation => ({
  action: makePlainAction(req.route.kind as PlainActionKind, routeTarget(req)),
  body: req.route.body === 'stream' ? { kind: 'stream' } : { kind: 'none' },
  notes: [],
  normalizations: [],
})
