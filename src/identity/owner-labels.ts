/** The label that names the user an object belongs to. */
export const OWNER_LABEL = 'airlock.owner'

/** The label that names the grant a container was created under. */
export const GRANT_LABEL = 'airlock.grant'

/** Labels only Airlock sets: a client that sets one is refused. */
export const RESERVED_LABELS: readonly string[] = [OWNER_LABEL, GRANT_LABEL]

/**
 * The label filter value that selects `user`'s objects, as dockerd's `label` filter reads it.
 *
 * @example ownerFilter('alice') // 'airlock.owner=alice'
 */
export function ownerFilter(user: string): string {
  return `${OWNER_LABEL}=${user}`
}

/**
 * The reserved labels among `labels`' keys.
 *
 * @example reservedLabelsIn({ 'airlock.owner': 'bob', app: 'x' }) // ['airlock.owner']
 */
export function reservedLabelsIn(labels: Readonly<Record<string, string>>): string[] {
  return Object.keys(labels).filter((k) => RESERVED_LABELS.includes(k))
}
