import { applyHostConfig } from '../../adapters/docker-create/host-config-to-spec.js'
import { InputError } from '../../errors.js'
import { makeAction } from '../../model/action.js'
import { completeSpec } from '../../model/complete-spec.js'
import { versionLessThan } from '../api-version.js'
import { encodeGo } from '../go-json/index.js'
import { queryGet } from '../go-query.js'
import type { GoStruct } from '../go-value.js'
import { HostConfig } from '../moby-types.js'
import { type Interpretation, type Interpreter, routeTarget } from './interpretation.js'
import { decodeBody, unknownNotes } from './json-body.js'

/**
 * `POST /containers/{name}/start`. dockerd reads a body only when it is longer than 7 bytes (or
 * chunked): before API 1.24 as a HostConfig that replaces the container's (so it is decided on like a
 * create), from 1.24 on as an error.
 */
export const interpretContainerStart: Interpreter = (input): Interpretation => {
  const { req, body } = input
  const checkpoint = queryGet(req.query, 'checkpoint')
  const base = {
    kind: 'container.start' as const,
    target: routeTarget(req),
    ...(checkpoint && { checkpoint }),
  }
  if (!body || body.length <= 7) {
    return { action: makeAction(base), body: { kind: 'none' }, notes: [], normalizations: [] }
  }
  if (!versionLessThan(req.version, '1.24')) {
    throw new InputError(
      'starting container with non-empty request body was deprecated since API v1.22 and removed in v1.24',
    )
  }
  const { value, unknown } = decodeBody(input, HostConfig)
  const hc = value as unknown as GoStruct
  const spec = applyHostConfig(completeSpec({}), hc)
  return {
    action: makeAction({ ...base, hostConfig: spec }),
    body: { kind: 'encoded', encode: () => Buffer.from(encodeGo(HostConfig, value)) },
    notes: unknownNotes(unknown),
    normalizations: [],
  }
}
