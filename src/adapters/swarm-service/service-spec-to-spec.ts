import { bool, type GoStruct, list, num, str, strList, strMap, struct } from '../../engine-api/go-value.js'
import { normalizeCapability } from '../../model/capabilities.js'
import { completeSpec } from '../../model/complete-spec.js'
import type { ContainerSpec, Mount } from '../../model/container-spec.js'

/**
 * The container a swarm service's tasks run, as a ContainerSpec: image, user, mounts, capabilities,
 * security options (seccomp/apparmor/SELinux/no-new-privileges), limits, sysctls, published ports
 * (swarm publishes on every interface of every node) and networks (`host` joins the host's stack).
 */
export function serviceSpecToSpec(service: GoStruct): ContainerSpec {
  const task = struct(service['TaskTemplate']) ?? {}
  const c = struct(task['ContainerSpec']) ?? {}
  const priv = struct(c['Privileges'])
  const seccomp = struct(priv?.['Seccomp'])
  const apparmor = struct(priv?.['AppArmor'])
  const selinux = struct(priv?.['SELinuxContext'])
  const limits = struct(struct(task['Resources'])?.['Limits'])
  const log = struct(task['LogDriver'])
  const endpoint = struct(service['EndpointSpec'])
  const networks = [...list(task['Networks']), ...list(service['Networks'])].map((n) =>
    str(struct(n)?.['Target']),
  )
  const mounts: Mount[] = list(c['Mounts']).map((m, i) => {
    const ms = struct(m) ?? {}
    const driver = struct(struct(ms['VolumeOptions'])?.['DriverConfig'])
    const opts = strMap(driver?.['Options'])
    return {
      type: (str(ms['Type']) || 'volume') as Mount['type'],
      source: str(ms['Source']),
      target: str(ms['Target']),
      readOnly: bool(ms['ReadOnly']),
      ...(str(struct(ms['BindOptions'])?.['Propagation']) && {
        propagation: str(struct(ms['BindOptions'])?.['Propagation']),
      }),
      ...(str(driver?.['Name']) && { volumeDriver: str(driver?.['Name']) }),
      ...(Object.keys(opts).length > 0 && { volumeOptions: opts }),
      origin: ['TaskTemplate', 'ContainerSpec', 'Mounts', i],
    }
  })
  const selinuxOpts = selinux
    ? [
        ...(bool(selinux['Disable']) ? ['disable'] : []),
        ...(['User', 'Role', 'Type', 'Level'] as const)
          .filter((k) => str(selinux[k]))
          .map((k) => `${k.toLowerCase()}:${str(selinux[k])}`),
      ]
    : []
  const seccompMode = str(seccomp?.['Mode'])
  const pids = num(limits?.['Pids'])
  return completeSpec({
    name: str(service['Name']) || undefined,
    image: str(c['Image']),
    user: str(c['User']),
    groupAdd: strList(c['Groups']),
    command: [...strList(c['Command']), ...strList(c['Args'])],
    env: strList(c['Env']),
    labels: strMap(c['Labels']),
    workingDir: str(c['Dir']),
    capAdd: strList(c['CapabilityAdd']).map(normalizeCapability),
    capDrop: strList(c['CapabilityDrop']).map(normalizeCapability),
    namespaces: { network: networks.includes('host') ? 'host' : '' },
    security: {
      ...(priv && 'NoNewPrivileges' in priv && { noNewPrivileges: bool(priv['NoNewPrivileges']) }),
      ...(seccompMode === 'unconfined' && { seccomp: 'unconfined' }),
      ...(seccompMode === 'custom' && {
        seccomp: Buffer.from((seccomp?.['Profile'] as Uint8Array) ?? []).toString('utf8'),
      }),
      ...(str(apparmor?.['Mode']) === 'disabled' && { apparmor: 'unconfined' }),
      selinux: selinuxOpts,
    },
    readOnlyRootfs: bool(c['ReadOnly']),
    mounts,
    resources: {
      ...(num(limits?.['MemoryBytes']) ? { memory: num(limits?.['MemoryBytes']) } : {}),
      ...(num(limits?.['NanoCPUs']) ? { nanoCpus: num(limits?.['NanoCPUs']) } : {}),
      ...(pids ? { pidsLimit: pids } : {}),
      ...(num(c['OomScoreAdj']) ? { oomScoreAdj: num(c['OomScoreAdj']) } : {}),
      ulimits: list(c['Ulimits']).map((u) => ({
        name: str(struct(u)?.['Name']),
        soft: num(struct(u)?.['Soft']) ?? 0,
        hard: num(struct(u)?.['Hard']) ?? 0,
      })),
    },
    ports: list(endpoint?.['Ports']).map((p, i) => {
      const ps = struct(p) ?? {}
      return {
        containerPort: `${num(ps['TargetPort']) ?? 0}/${str(ps['Protocol']) || 'tcp'}`,
        hostIp: '',
        hostPort: String(num(ps['PublishedPort']) ?? ''),
        origin: ['EndpointSpec', 'Ports', i],
      }
    }),
    sysctls: strMap(c['Sysctls']),
    logConfig: { type: str(log?.['Name']), config: strMap(log?.['Options']) },
    ...(c['Init'] !== undefined && { init: bool(c['Init']) }),
    isolation: str(c['Isolation']),
    networks: networks.filter((n) => n !== ''),
    extraHosts: strList(c['Hosts']),
  })
}
