import { AmbiguousRequestError } from '../../errors.js'
import { makeAction, makePlainAction, type PlainActionKind } from '../../model/action.js'
import { any, decodeGo, foldKey, type GoAny, slice, string } from '../go-json/index.js'
import { strList } from '../go-value.js'
import { type Interpretation, type Interpreter, routeTarget } from './interpretation.js'
import { checkForJson } from './json-body.js'

/**
 * Refuses objects with two keys dockerd's decoder would read as one field (`Name` and `name`,
 * `ſpec` and `Spec`): Go merges them in version-dependent ways.
 */
function checkFoldCollisions(v: GoAny, path: string): void {
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) checkFoldCollisions(x, `${path}[${i}]`)
  } else if (v instanceof Map) {
    const seen = new Map<string, string>()
    for (const [k, x] of v) {
      const f = foldKey(k)
      if (f !== undefined) {
        const prev = seen.get(f)
        if (prev !== undefined)
          throw new AmbiguousRequestError(
            `${path || 'body'}: keys "${prev}" and "${k}" name the same field for dockerd`,
          )
        seen.set(f, k)
      }
      checkFoldCollisions(x, path ? `${path}.${k}` : k)
    }
  }
}

/**
 * JSON bodies Airlock decides on by route alone (swarm, secrets, configs, auth, checkpoints, node
 * and volume updates): the body must still be one well-formed JSON value without duplicate keys, and
 * those exact bytes are forwarded.
 */
export const interpretStrictJson: Interpreter = (input): Interpretation => {
  checkForJson(input)
  if (input.body && input.body.length > 0) checkFoldCollisions(decodeGo(any, input.body).value, '')
  const bytes = input.body
  return {
    action: makePlainAction(input.req.route.kind as PlainActionKind, routeTarget(input.req)),
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
    action: makeAction({ kind: 'plugin.set', target: routeTarget(input.req), args }),
    body: { kind: 'encoded', encode: () => bytes },
    notes: [],
    normalizations: [],
  }
}
