import { type PlainActionKind, action } from '../../model/action.js'
import { any, decodeGo, slice, string } from '../go-json/index.js'
import { strList } from '../go-value.js'
import { type Interpretation, type Interpreter, routeTarget } from './interpretation.js'
import { checkForJson } from './json-body.js'

/**
 * JSON bodies Airlock decides on by route alone (swarm, secrets, configs, auth, checkpoints, node
 * and volume updates): the body must still be one well-formed JSON value without duplicate keys, and
 * those exact bytes are forwarded.
 */
export const interpretStrictJson: Interpreter = (input): Interpretation => {
  checkForJson(input)
  if (input.body && input.body.length > 0) decodeGo(any, input.body)
  const bytes = input.body
  return {
    action: action({ kind: input.req.route.kind as PlainActionKind, target: routeTarget(input.req) }),
    body: bytes && bytes.length > 0 ? { kind: 'encoded', encode: () => bytes } : { kind: 'none' },
    notes: [],
    normalizations: [],
  }
}

/** `POST /plugins/{name}/set`: `["KEY=value", "mount.source=/path", ...]`. */
export const interpretPluginSet: Interpreter = (input): Interpretation => {
  checkForJson(input)
  const args = input.body && input.body.length > 0 ? strList(decodeGo(slice(string), input.body).value) : []
  const bytes = Buffer.from(JSON.stringify(args))
  return {
    action: action({ kind: 'plugin.set', target: routeTarget(input.req), args }),
    body: { kind: 'encoded', encode: () => bytes },
    notes: [],
    normalizations: [],
  }
}
