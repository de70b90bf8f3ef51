import { bool, field, int, map, ptr, slice, string, struct } from '../go-json/dsl.js'
import { HardwareAddr, IPAddr, IPPrefix } from './port.js'

/** `network.EndpointIPAMConfig`. */
export const EndpointIPAMConfig = struct('network.EndpointIPAMConfig', [
  field('IPv4Address', IPAddr),
  field('IPv6Address', IPAddr),
  field('LinkLocalIPs', slice(IPAddr)),
])

/** `network.EndpointSettings`, union of dockerd 20.10 … current, in current declaration order. */
export const EndpointSettings = struct('network.EndpointSettings', [
  field('IPAMConfig', ptr(EndpointIPAMConfig)),
  field('Links', slice(string)),
  field('Aliases', slice(string)),
  field('DriverOpts', map(string)),
  field('GwPriority', int),
  field('NetworkID', string),
  field('EndpointID', string),
  field('Gateway', IPAddr),
  field('IPAddress', IPAddr),
  field('MacAddress', HardwareAddr),
  field('IPPrefixLen', int),
  field('IPv6Gateway', IPAddr),
  field('GlobalIPv6Address', IPAddr),
  field('GlobalIPv6PrefixLen', int),
  field('DNSNames', slice(string)),
])

/** `network.NetworkingConfig`. */
export const NetworkingConfig = struct('network.NetworkingConfig', [
  field('EndpointsConfig', map(ptr(EndpointSettings))),
])

/** `network.IPAMConfig`. */
export const IPAMConfig = struct('network.IPAMConfig', [
  field('Subnet', IPPrefix),
  field('IPRange', IPPrefix),
  field('Gateway', IPAddr),
  field('AuxiliaryAddresses', map(IPAddr)),
])

/** `network.IPAM`. */
export const IPAM = struct('network.IPAM', [
  field('Driver', string),
  field('Options', map(string)),
  field('Config', slice(IPAMConfig)),
])

/** `network.ConfigReference`. */
export const NetworkConfigReference = struct('network.ConfigReference', [field('Network', string)])

/**
 * The body of `POST /networks/create`: every field of `types.NetworkCreateRequest` (20.10–26),
 * `network.CreateRequest` (27–28) and the current flat `network.CreateRequest`. `CheckDuplicate` and
 * `EnableIPv6` were `bool` in older releases and `*bool` later; both read the same JSON.
 */
export const NetworkCreateRequest = struct('network.CreateRequest', [
  field('Name', string),
  field('CheckDuplicate', ptr(bool)),
  field('Driver', string),
  field('Scope', string),
  field('EnableIPv4', ptr(bool)),
  field('EnableIPv6', ptr(bool)),
  field('IPAM', ptr(IPAM)),
  field('Internal', bool),
  field('Attachable', bool),
  field('Ingress', bool),
  field('ConfigOnly', bool),
  field('ConfigFrom', ptr(NetworkConfigReference)),
  field('Options', map(string)),
  field('Labels', map(string)),
])

/** The body of `POST /networks/{id}/connect`. */
export const NetworkConnectRequest = struct('network.ConnectRequest', [
  field('Container', string),
  field('EndpointConfig', ptr(EndpointSettings)),
])

/** The body of `POST /networks/{id}/disconnect`. */
export const NetworkDisconnectRequest = struct('network.DisconnectRequest', [
  field('Container', string),
  field('Force', bool),
])
