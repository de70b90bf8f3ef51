import type { Finding } from './finding.js'

/**
 * A secure default applied to a container spec: a field of the ContainerSpec set to a value because
 * the policy's defaults asked for it and the caller left it unset.
 */
export interface Mutation {
  /** Path in the ContainerSpec, e.g. `['security', 'noNewPrivileges']`, `['resources', 'pidsLimit']`. */
  path: string[]
  value: unknown
  reason: string
}

/** The outcome of `decide()`. */
export interface Decision {
  allowed: boolean
  /** One line for the client: why it was denied and how to fix it, or that it was allowed. */
  message: string
  /** Every failing or warning rule, including waived ones. */
  findings: Finding[]
  mutations: Mutation[]
  /** Grants that waived a rule for this decision. */
  grantIds: string[]
  warnings: string[]
}
