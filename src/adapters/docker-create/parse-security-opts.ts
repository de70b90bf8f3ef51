import { InputError } from '../../errors.js'
import type { SecurityOptions } from '../../model/container-spec.js'

/** Go's strconv.ParseBool. */
function goParseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false
  return undefined
}

/**
 * Interprets `HostConfig.SecurityOpt` as dockerd's parseSecurityOpt does: in order, later entries
 * win; `key=value`, or the deprecated `key:value`; keys are case-sensitive; anything dockerd refuses
 * (unknown keys, a bad boolean, `systempaths=...` which only the CLI understands) is refused.
 *
 * @example parseSecurityOpts(['seccomp=unconfined', 'no-new-privileges']).seccomp // 'unconfined'
 */
export function parseSecurityOpts(opts: readonly string[]): SecurityOptions {
  const out: SecurityOptions = { selinux: [], systempathsUnconfined: false, other: [] }
  for (const opt of opts) {
    if (opt === 'no-new-privileges') {
      out.noNewPrivileges = true
      continue
    }
    if (opt === 'disable') {
      out.selinux.push('disable')
      continue
    }
    const sep = opt.includes('=') ? '=' : opt.includes(':') ? ':' : undefined
    if (!sep) throw new InputError(`invalid --security-opt: "${opt}" (dockerd refuses it)`)
    const i = opt.indexOf(sep)
    const key = opt.slice(0, i)
    const value = opt.slice(i + 1)
    switch (key) {
      case 'label':
        out.selinux.push(value)
        break
      case 'apparmor':
        out.apparmor = value
        break
      case 'seccomp':
        out.seccomp = value
        break
      case 'no-new-privileges': {
        const b = goParseBool(value)
        if (b === undefined) throw new InputError(`invalid --security-opt: "${opt}" (not a boolean)`)
        out.noNewPrivileges = b
        break
      }
      default:
        throw new InputError(`invalid --security-opt: "${opt}" (dockerd refuses the key "${key}")`)
    }
  }
  return out
}
