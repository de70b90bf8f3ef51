/**
 * The ContainerSpec path each `--security-opt` / `security_opt` entry sets, in order:
 * `['security', 'seccomp']`, `['security', 'selinux', 0]`, ... (undefined for entries it cannot
 * place, which dockerd refuses anyway).
 *
 * @example securityOptPaths(['no-new-privileges', 'label:type:spc_t'])
 * // [['security', 'noNewPrivileges'], ['security', 'selinux', 0]]
 */
export function securityOptPaths(values: readonly string[]): ((string | number)[] | undefined)[] {
  let selinux = 0
  return values.map((v) => {
    if (v === 'systempaths=unconfined') return ['security', 'systempathsUnconfined']
    if (v === 'disable') return ['security', 'selinux', selinux++]
    const key = v === 'no-new-privileges' ? v : (v.split(/[=:]/)[0] as string)
    if (key === 'no-new-privileges') return ['security', 'noNewPrivileges']
    if (key === 'seccomp') return ['security', 'seccomp']
    if (key === 'apparmor') return ['security', 'apparmor']
    if (key === 'label') return ['security', 'selinux', selinux++]
    return undefined
  })
}
