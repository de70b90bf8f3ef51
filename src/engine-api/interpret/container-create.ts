import { applyCreateMutations } from '../../adapters/docker-create/apply-mutations.js'
import {
  createRequestToSpec,
  describeCreatePath,
} from '../../adapters/docker-create/create-request-to-spec.js'
import { AmbiguousRequestError } from '../../errors.js'
import { makeAction } from '../../model/action.js'
import type { Mutation } from '../../model/decision.js'
import { versionLessThan } from '../api-version.js'
import { encodeGo, foldKey } from '../go-json/index.js'
import { queryGet } from '../go-query.js'
import type { GoStruct } from '../go-value.js'
import { CreateRequest, legacyTopLevelKeys } from '../moby-types.js'
import type { Interpretation, Interpreter } from './interpretation.js'
import { decodeBody, unknownNotes } from './json-body.js'

/** Fields older daemons applied that current ones drop: refused rather than silently dropped. */
const REMOVED_PRIVILEGE_FIELDS = new Set(['HOSTCONFIG.CAPABILITIES'])

/**
 * `POST /containers/create`. The body is decoded as dockerd decodes it; top-level HostConfig fields
 * (which dockerd 20.10 applies and current moby ignores) are refused as ambiguous; old API versions'
 * implicit defaults that weaken isolation are pinned explicitly.
 */
export const interpretContainerCreate: Interpreter = (input): Interpretation => {
  const { req } = input
  const { value, unknown } = decodeBody(input, CreateRequest)
  const body = value as unknown as GoStruct
  const legacy = legacyTopLevelKeys(unknown)
  if (legacy.length) {
    throw new AmbiguousRequestError(
      `top-level ${legacy.join(', ')} in a create body: dockerd 20.10 applies it as HostConfig, newer daemons ignore it; put it inside "HostConfig"`,
    )
  }
  const removed = unknown.filter((k) => {
    const [head, field] = k.split('.')
    return field !== undefined && REMOVED_PRIVILEGE_FIELDS.has(`${foldKey(head ?? '')}.${foldKey(field)}`)
  })
  if (removed.length) {
    throw new AmbiguousRequestError(
      `${removed.join(', ')}: a capability set only dockerd 19.03 applied; use HostConfig.CapAdd and CapDrop`,
    )
  }
  const normalizations: Mutation[] = []
  const hc = body['HostConfig'] as GoStruct | undefined
  if (
    versionLessThan(req.version, '1.41') &&
    !(hc && typeof hc['CgroupnsMode'] === 'string' && hc['CgroupnsMode'] !== '')
  ) {
    // dockerd gives API < 1.41 clients the host's cgroup namespace on cgroup v1 hosts.
    normalizations.push({
      path: ['namespaces', 'cgroup'],
      value: 'private',
      reason: `API ${req.version} defaults to the host cgroup namespace on cgroup v1; Airlock pins it to private`,
    })
  }
  if (versionLessThan(req.version, '1.25') && hc) delete hc['AutoRemove']
  if (normalizations.length) applyCreateMutations(body, normalizations)
  const spec = createRequestToSpec(body, { name: queryGet(req.query, 'name') })
  return {
    action: makeAction({
      kind: 'container.create',
      spec,
      ...(queryGet(req.query, 'platform') && { platform: queryGet(req.query, 'platform') }),
    }),
    body: {
      kind: 'encoded',
      // The spec was taken from the body above and nothing reads the body after this: the
      // mutations are written into it in place (a deep copy per create cost more than the decode).
      encode: (mutations) =>
        Buffer.from(encodeGo(CreateRequest, applyCreateMutations(body, mutations) as never)),
    },
    notes: unknownNotes(unknown),
    normalizations,
    describePath: (path) => describeCreatePath(spec, path),
  }
}
