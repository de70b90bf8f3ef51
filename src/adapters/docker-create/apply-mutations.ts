import type { GoStruct } from '../../engine-api/go-value.js'
import { InputError } from '../../errors.js'
import type { Mutation } from '../../model/decision.js'

/** Sets a HostConfig field on a decoded create body (creating HostConfig if the body had none). */
function hostConfig(body: GoStruct): GoStruct {
  const hc = body['HostConfig']
  if (typeof hc === 'object' && hc !== null && !Array.isArray(hc) && !(hc instanceof Map))
    return hc as GoStruct
  const created: GoStruct = Object.create(null)
  body['HostConfig'] = created
  return created
}

/** HostConfig fields of the namespace modes a mutation may point at a resolved container. */
const NAMESPACE_FIELDS: Record<string, string> = {
  'namespaces.network': 'NetworkMode',
  'namespaces.pid': 'PidMode',
  'namespaces.ipc': 'IpcMode',
  'namespaces.uts': 'UTSMode',
  'namespaces.cgroupSpec': 'Cgroup',
}

/** Sets (or, for a null value, removes) one of the container's labels. */
function setLabel(body: GoStruct, key: string, value: unknown): void {
  const labels =
    body['Labels'] instanceof Map ? (body['Labels'] as Map<string, unknown>) : new Map<string, unknown>()
  if (value === null) labels.delete(key)
  else labels.set(key, String(value))
  body['Labels'] = labels as never
}

/**
 * Applies spec-level mutations (policy defaults, compatibility normalizations) to a decoded
 * container create body, so the re-encoded request carries them. A mutation it does not know how to
 * express on the wire is an error: the proxy then denies rather than forward something else.
 *
 * @example applyCreateMutations(body, [{ path: ['resources', 'pidsLimit'], value: 4096, reason: '' }])
 */
export function applyCreateMutations(body: GoStruct, mutations: readonly Mutation[]): GoStruct {
  for (const m of mutations) {
    if (m.path[0] === 'labels' && m.path.length === 2) {
      setLabel(body, m.path[1] as string, m.value)
      continue
    }
    const key = m.path.join('.')
    const hc = hostConfig(body)
    const nsField = NAMESPACE_FIELDS[key]
    if (nsField !== undefined) {
      hc[nsField] = String(m.value)
      continue
    }
    switch (key) {
      case 'security.noNewPrivileges': {
        const opts = Array.isArray(hc['SecurityOpt']) ? (hc['SecurityOpt'] as string[]) : []
        hc['SecurityOpt'] = [...opts, `no-new-privileges=${m.value === true}`]
        break
      }
      case 'resources.pidsLimit':
        hc['PidsLimit'] = BigInt(m.value as number)
        break
      case 'resources.memory':
        hc['Memory'] = BigInt(m.value as number)
        break
      case 'resources.nanoCpus':
        hc['NanoCpus'] = BigInt(m.value as number)
        break
      case 'capDrop':
        hc['CapDrop'] = [...(m.value as string[])]
        break
      case 'readOnlyRootfs':
        hc['ReadonlyRootfs'] = m.value === true
        break
      case 'namespaces.cgroup':
        hc['CgroupnsMode'] = String(m.value)
        break
      case 'volumesFrom':
        hc['VolumesFrom'] = [...(m.value as string[])]
        break
      case 'links':
        hc['Links'] = [...(m.value as string[])]
        break
      default:
        throw new InputError(`airlock cannot apply the mutation ${key} to a container create request`)
    }
  }
  return body
}
