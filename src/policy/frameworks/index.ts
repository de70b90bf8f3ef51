import { CIS_DOCKER_1_6 } from './cis-docker-1.6.js'
import { CIS_DOCKER_1_6_DAEMON } from './cis-docker-1.6-daemon.js'
import { CIS_DOCKER_1_6_SECTION_4 } from './cis-docker-1.6-section-4.js'
import type { Framework } from './framework.js'
import { PSS } from './pss.js'

export { CIS_DOCKER_1_6 } from './cis-docker-1.6.js'
export { CIS_DOCKER_1_6_DAEMON } from './cis-docker-1.6-daemon.js'
export { CIS_DOCKER_1_6_SECTION_4 } from './cis-docker-1.6-section-4.js'
export { type Control, type Coverage, controlRules, type Framework } from './framework.js'
export { PSS } from './pss.js'

/** Every compliance framework the rules map to. */
export const FRAMEWORKS: readonly Framework[] = [
  CIS_DOCKER_1_6,
  PSS,
  CIS_DOCKER_1_6_SECTION_4,
  CIS_DOCKER_1_6_DAEMON,
]
