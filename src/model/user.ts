/** How a `USER` value resolves with respect to root. */
export type UserKind = 'root' | 'non-root' | 'unknown'

/** Splits `user[:group]` as dockerd and runc do (first colon). */
export function splitUser(spec: string): { user: string; group: string | undefined } {
  const i = spec.indexOf(':')
  return i < 0 ? { user: spec, group: undefined } : { user: spec.slice(0, i), group: spec.slice(i + 1) }
}

/** Go's `strconv.Atoi` on a decimal string; undefined when it would fail. */
export function goAtoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined
  const n = Number(s)
  return Number.isSafeInteger(n) ? n : undefined
}

/**
 * Whether a user name or id means root, in every spelling runc accepts: `root`, `0`, `00`, `+0`,
 * `-0`, with or without a group. An empty user is the image's default, which is root unless the
 * image says otherwise: pass the image's USER as `imageUser` when it is known.
 *
 * @example userKind('0:1000') // 'root'
 */
export function userKind(user: string, imageUser?: string): UserKind {
  if (user === '') {
    if (imageUser === undefined) return 'unknown'
    return imageUser === '' ? 'root' : userKind(imageUser)
  }
  const { user: u } = splitUser(user)
  if (u === '') return imageUser === undefined ? 'unknown' : userKind(imageUser)
  if (u === 'root') return 'root'
  const uid = goAtoi(u)
  if (uid !== undefined) return uid === 0 ? 'root' : 'non-root'
  // A name: only the image's /etc/passwd knows its uid. Names other than root are usually not uid 0.
  return 'non-root'
}

/** Whether a group name or id means the root group (gid 0). */
export function isRootGroup(group: string): boolean {
  return group === 'root' || goAtoi(group) === 0
}
