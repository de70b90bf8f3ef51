/** The parts of a caller's `Identity` monitoring looks at: who, their groups and their role. */
export interface CallerRef {
  user: string
  groups: readonly string[]
  role?: string | undefined
}
