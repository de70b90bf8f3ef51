import { embed, field, ptr, string, struct } from '../go-json/dsl.js'
import { fieldTable, lookupField } from '../go-json/field-table.js'
import { Config } from './config.js'
import { HostConfig } from './host-config.js'
import { NetworkingConfig } from './network.js'

/**
 * The body of `POST /containers/create` as current dockerd decodes it (`container.CreateRequest`):
 * the fields of `Config` at the top level, plus `HostConfig` and `NetworkingConfig`.
 *
 * @example
 * const { value, unknown } = decodeGo(CreateRequest, body)
 * value.Image; value.HostConfig?.Privileged
 */
export const CreateRequest = struct('container.CreateRequest', [
  embed(ptr(Config)),
  field('HostConfig', ptr(HostConfig)),
  field('NetworkingConfig', ptr(NetworkingConfig)),
])

/**
 * The create body as dockerd 20.10 … 26 decoded it on Linux (`runconfig.ContainerConfigWrapper`):
 * it also embeds a `*HostConfig`, so every HostConfig and Resources field was read at the top level
 * too, plus a deprecated `Cpuset`. Those top-level values were merged into the host config.
 */
export const LegacyCreateRequest = struct('runconfig.ContainerConfigWrapper', [
  embed(ptr(Config)),
  field('HostConfig', ptr(HostConfig)),
  field('Cpuset', string, { tagged: false }),
  field('NetworkingConfig', ptr(NetworkingConfig)),
  embed(ptr(HostConfig)),
])

const legacy = fieldTable(LegacyCreateRequest)
const modern = fieldTable(CreateRequest)

/**
 * JSON names that dockerd 20.10 … 26 accepted at the top level of a create body as host
 * configuration: every HostConfig and Resources field, and `Cpuset`.
 */
export const LEGACY_TOPLEVEL_HOSTCONFIG_FIELDS: readonly string[] = legacy.fields
  .map((f) => f.name)
  .filter((name) => !modern.exact.has(name))

const legacyNames = new Set(LEGACY_TOPLEVEL_HOSTCONFIG_FIELDS)

/**
 * The entries of a `CreateRequest` decode's `unknown` list that dockerd 20.10 … 26 would have read
 * as top-level host configuration, matched with Go's case folding (so `privileged` and `ſhmsize`
 * count).
 *
 * @example
 * const { unknown } = decodeGo(CreateRequest, Buffer.from('{"Image":"x","privileged":true}'))
 * legacyTopLevelKeys(unknown) // ['privileged']
 */
export function legacyTopLevelKeys(unknown: readonly string[]): string[] {
  return unknown.filter((key) => {
    const f = lookupField(legacy, key)
    return f !== undefined && legacyNames.has(f.name)
  })
}
