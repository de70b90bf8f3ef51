import type { Rule } from '../rule.js'
import noPrivileged from './no-privileged.js'
import noSensitiveHostMounts from './no-sensitive-host-mounts.js'

/** The rule catalogue, in id order. A new rule is one file plus one line here. */
export const RULES: readonly Rule[] = [noPrivileged, noSensitiveHostMounts]
