import { decodeGo, field, ptr, string, struct } from '../../engine-api/go-json/index.js'
import { type GoStruct, str } from '../../engine-api/go-value.js'
import { Config, HostConfig } from '../../engine-api/moby-types/index.js'
import type { ContainerSpec } from '../../model/container-spec.js'
import { createRequestToSpec } from '../docker-create/create-request-to-spec.js'

/** The parts of `GET /containers/{id}/json` that describe how the container was configured. */
export const ContainerInspect = struct('types.ContainerJSON', [
  field('Id', string),
  field('Name', string),
  field('Image', string),
  field('Config', ptr(Config)),
  field('HostConfig', ptr(HostConfig)),
])

/**
 * A running or stopped container, from `docker inspect` output, as the same ContainerSpec its create
 * request became: Config and HostConfig are stored as they were given (plus the daemon's defaults).
 *
 * @example inspectToSpec(await (await fetch(`${docker}/containers/web/json`)).arrayBuffer()).privileged
 */
export function inspectToSpec(inspect: Uint8Array): ContainerSpec & { id: string } {
  const { value } = decodeGo(ContainerInspect, inspect)
  const v = value as unknown as GoStruct
  const config = (v['Config'] as GoStruct | undefined) ?? {}
  const body: GoStruct = Object.assign(Object.create(null), config)
  if (v['HostConfig'] !== undefined) body['HostConfig'] = v['HostConfig']
  const spec = createRequestToSpec(body, { name: str(v['Name']).replace(/^\//, '') })
  return Object.assign(spec, { id: str(v['Id']) })
}
