import { serviceSpecToSpec } from '../../adapters/swarm-service/service-spec-to-spec.js'
import { makeAction } from '../../model/action.js'
import { encodeGo } from '../go-json/index.js'
import { type GoStruct, str } from '../go-value.js'
import { ServiceSpec } from '../moby-types.js'
import { type Interpretation, type Interpreter, routeTarget } from './interpretation.js'
import { decodeBody, unknownNotes } from './json-body.js'

/** `POST /services/create` and `/services/{id}/update`: the tasks' container, decided on like a create. */
export const interpretService: Interpreter = (input): Interpretation => {
  const { value, unknown } = decodeBody(input, ServiceSpec)
  const s = value as unknown as GoStruct
  const spec = serviceSpecToSpec(s)
  return {
    action: makeAction({
      kind: input.req.route.kind as 'service.create' | 'service.update',
      target: routeTarget(input.req),
      name: str(s['Name']),
      spec,
    }),
    body: { kind: 'encoded', encode: () => Buffer.from(encodeGo(ServiceSpec, value)) },
    notes: unknownNotes(unknown),
    normalizations: [],
  }
}
