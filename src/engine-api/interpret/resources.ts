import { makeAction } from '../../model/action.js'
import { encodeGo } from '../go-json/index.js'
import { queryGet } from '../go-query.js'
import { bool, type GoStruct, list, str, strList, strMap, struct } from '../go-value.js'
import {
  NetworkConnectRequest,
  NetworkCreateRequest,
  PluginPrivileges,
  VolumeCreateOptions,
} from '../moby-types.js'
import { type Interpretation, type Interpreter, routeTarget } from './interpretation.js'
import { decodeBody, unknownNotes } from './json-body.js'

/** `POST /volumes/create`: a driver and its options (the local driver can bind host paths or mount NFS). */
export const interpretVolumeCreate: Interpreter = (input): Interpretation => {
  const { value, unknown } = decodeBody(input, VolumeCreateOptions)
  const v = value as unknown as GoStruct
  return {
    action: makeAction({
      kind: 'volume.create',
      name: str(v['Name']),
      driver: str(v['Driver']),
      driverOpts: strMap(v['DriverOpts']),
      labels: strMap(v['Labels']),
      cluster: v['ClusterVolumeSpec'] !== undefined && v['ClusterVolumeSpec'] !== null,
    }),
    body: { kind: 'encoded', encode: () => Buffer.from(encodeGo(VolumeCreateOptions, value)) },
    notes: unknownNotes(unknown),
    normalizations: [],
  }
}

/** `POST /networks/create`: driver, options (macvlan `parent`), IPAM. */
export const interpretNetworkCreate: Interpreter = (input): Interpretation => {
  const { value, unknown } = decodeBody(input, NetworkCreateRequest)
  const n = value as unknown as GoStruct
  const ipam = struct(n['IPAM'])
  return {
    action: makeAction({
      kind: 'network.create',
      name: str(n['Name']),
      driver: str(n['Driver']),
      options: strMap(n['Options']),
      internal: bool(n['Internal']),
      attachable: bool(n['Attachable']),
      ingress: bool(n['Ingress']),
      configOnly: bool(n['ConfigOnly']),
      configFrom: str(struct(n['ConfigFrom'])?.['Network']),
      scope: str(n['Scope']),
      ipamDriver: str(ipam?.['Driver']),
      ipamOptions: strMap(ipam?.['Options']),
      enableIPv6: bool(n['EnableIPv6']),
      labels: strMap(n['Labels']),
    }),
    body: { kind: 'encoded', encode: () => Buffer.from(encodeGo(NetworkCreateRequest, value)) },
    notes: unknownNotes(unknown),
    normalizations: [],
  }
}

/** `POST /networks/{id}/connect`: a container joins a network. */
export const interpretNetworkConnect: Interpreter = (input): Interpretation => {
  const { value, unknown } = decodeBody(input, NetworkConnectRequest)
  const c = value as unknown as GoStruct
  const ep = struct(c['EndpointConfig'])
  return {
    action: makeAction({
      kind: 'network.connect',
      target: routeTarget(input.req),
      container: str(c['Container']),
      aliases: strList(ep?.['Aliases']),
      driverOpts: strMap(ep?.['DriverOpts']),
    }),
    body: { kind: 'encoded', encode: () => Buffer.from(encodeGo(NetworkConnectRequest, value)) },
    notes: unknownNotes(unknown),
    normalizations: [],
  }
}

/** `POST /plugins/pull` and `/plugins/{name}/upgrade`: the privileges the caller grants the plugin. */
export const interpretPluginInstall: Interpreter = (input): Interpretation => {
  const { req } = input
  const { value, unknown } = decodeBody(input, PluginPrivileges)
  const privileges = list(value).map((p) => {
    const ps = struct(p) ?? {}
    return { name: str(ps['Name']), value: strList(ps['Value']) }
  })
  return {
    action: makeAction({
      kind: req.route.kind as 'plugin.pull' | 'plugin.upgrade',
      target:
        req.route.kind === 'plugin.pull'
          ? queryGet(req.query, 'name') || queryGet(req.query, 'remote')
          : routeTarget(req),
      remote: queryGet(req.query, 'remote'),
      privileges,
    }),
    body: { kind: 'encoded', encode: () => Buffer.from(encodeGo(PluginPrivileges, value)) },
    notes: unknownNotes(unknown),
    normalizations: [],
  }
}
