/**
 * Why a seccomp setting leaves the container without syscall filtering, or undefined when it filters:
 * `unconfined`, or a custom profile (JSON) whose default action allows (or only logs) every syscall
 * it does not list. Keys are matched case-insensitively, as Go's `encoding/json` does; when several
 * spellings of `defaultAction` are present any permissive one counts.
 *
 * @example seccompWeakness('{"defaultAction":"SCMP_ACT_ALLOW"}')
 * // 'custom seccomp profile allows every syscall by default (defaultAction SCMP_ACT_ALLOW)'
 */
export function seccompWeakness(profile: string | undefined): string | undefined {
  if (profile === undefined) return undefined
  if (profile === 'unconfined') return 'seccomp is disabled (seccomp=unconfined)'
  const text = profile.trim()
  if (!text.startsWith('{') && !text.startsWith('[') && text !== 'null') return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return 'custom seccomp profile is not valid JSON, so Airlock cannot tell what it filters'
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return 'custom seccomp profile is not a JSON object'
  }
  for (const [key, value] of Object.entries(parsed)) {
    if (key.toLowerCase() !== 'defaultaction' || typeof value !== 'string') continue
    const action = value.toUpperCase()
    if (action === 'SCMP_ACT_ALLOW' || action === 'SCMP_ACT_LOG') {
      const verb = action === 'SCMP_ACT_LOG' ? 'only logs' : 'allows'
      return `custom seccomp profile ${verb} every syscall by default (defaultAction ${value})`
    }
  }
  return undefined
}
