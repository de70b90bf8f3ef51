import { decodeGo, encodeGo, type GoType } from '../../engine-api/go-json/index.js'
import { type GoStruct, str } from '../../engine-api/go-value.js'
import {
  NetworkConnectRequest,
  NetworkCreateRequest,
  NetworkDisconnectRequest,
  VolumeCreateOptions,
} from '../../engine-api/moby-types.js'
import type { Exchange } from './exchange.js'
import { Refusal } from './refusal.js'

function decodedBody(ex: Exchange, type: GoType): GoStruct {
  if (!ex.bodyBuffer || ex.bodyBuffer.length === 0) return Object.create(null) as GoStruct
  return decodeGo(type, ex.bodyBuffer).value as unknown as GoStruct
}

function forwardEncoded(ex: Exchange, type: GoType, value: GoStruct): void {
  if (!ex.interpretation)
    throw new Refusal(500, 'airlock: denied: the request was not interpreted', { outcome: 'error' })
  const bytes = Buffer.from(encodeGo(type, value as never))
  ex.interpretation.body = { kind: 'encoded', encode: () => bytes }
}

/**
 * Sets `labels` on a volume or network create body (the owner label) and forwards Airlock's
 * encoding of it. The body was decoded the same way by the interpret pass, so this cannot fail on
 * a body that got this far.
 *
 * @example labelCreateBody(ex, { 'airlock.owner': 'alice' })
 */
export function labelCreateBody(ex: Exchange, labels: Readonly<Record<string, string>>): void {
  const kind = ex.action?.kind
  const type =
    kind === 'volume.create'
      ? VolumeCreateOptions
      : kind === 'network.create'
        ? NetworkCreateRequest
        : undefined
  if (!type) throw new Refusal(500, `airlock: denied: cannot label a ${kind} body`, { outcome: 'error' })
  const value = decodedBody(ex, type)
  const current =
    value['Labels'] instanceof Map ? (value['Labels'] as Map<string, unknown>) : new Map<string, unknown>()
  for (const [k, v] of Object.entries(labels)) current.set(k, v)
  value['Labels'] = current
  forwardEncoded(ex, type, value)
}

/** The `Container` a network connect or disconnect body names. */
export function bodyContainer(ex: Exchange): string {
  const type = ex.action?.kind === 'network.connect' ? NetworkConnectRequest : NetworkDisconnectRequest
  return str(decodedBody(ex, type)['Container'])
}

/**
 * Points a network connect or disconnect body at the container's full id, re-encoded.
 *
 * @example setBodyContainer(ex, '4f9a…')
 */
export function setBodyContainer(ex: Exchange, id: string): void {
  const type = ex.action?.kind === 'network.connect' ? NetworkConnectRequest : NetworkDisconnectRequest
  const value = decodedBody(ex, type)
  value['Container'] = id
  forwardEncoded(ex, type, value)
}
