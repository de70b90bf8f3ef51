/**
 * Network drivers that attach containers directly to a host interface's layer-2 segment. dockerd
 * looks drivers up by exact name, so `MACVLAN` is not one of them (it would be a plugin name).
 */
export const HOST_INTERFACE_DRIVERS: readonly string[] = ['macvlan', 'ipvlan']
