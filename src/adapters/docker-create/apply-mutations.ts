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

/**
 * Applies spec-level mutations (policy defaults, compatibility normalizations) to a decoded
 * container create body, so the re-encoded request carries them. A mutation it does not know how to
 * express on the wire is an error: the proxy then denies rather than forward something else.
 *
 * @example applyCreateMutations(body, [{ path: ['resources', 'pidsLimit'], value: 4096, reason: '' }])
 */
export function applyCreateMutations(body: GoStruct, mutations: readonly Mutation[]): GoStruct {
  for (const m of mutations) {
    const key = m.path.join('.')
    const hc = hostConfig(body)
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
      default:
        throw new InputError(`airlock cannot apply the mutation ${key} to a container create request`)
    }
  }
  return body
}
